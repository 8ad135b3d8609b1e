/**
 * @module `tlab worker`: runs cluster jobs (configurations of `tlab optimize --cluster` and
 * `tlab walk-forward --cluster` studies) from Redis on this machine's cores, pulling only the
 * candle chunks it lacks into a local cache. Logs each job it runs; SIGTERM or Ctrl-C finishes the
 * running jobs and exits 0, a second one exits at once (the jobs then move to other workers).
 */
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { defaultWorkers } from '../../research/config-pool.ts';
import { numberText, validateArgs } from '../options/validate.ts';

interface Args {
  redis?: string;
  concurrency?: string;
  cache?: string;
  'lock-ms'?: string;
}

/** Where chunks are cached by default: $XDG_CACHE_HOME/tlab/chunks, else ~/.cache/tlab/chunks. */
export function defaultChunkCache(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tlab', 'chunks');
}

const CONCURRENCY = 'pass a whole number of jobs at once, e.g. --concurrency 2';
const LOCK = 'pass whole milliseconds, at least 500, e.g. --lock-ms 30000';
const schema = z.object({
  concurrency: z.optional(numberText(z.int(CONCURRENCY).check(z.gte(1, CONCURRENCY)), CONCURRENCY)),
  'lock-ms': z.optional(numberText(z.int(LOCK).check(z.gte(500, LOCK)), LOCK)),
});

/** The `worker` command. */
export const workerCommand: CommandModule<object, Args> = {
  command: 'worker',
  describe: 'Run cluster study jobs from Redis (tlab optimize/walk-forward --cluster)',
  builder: (yargs: Argv) =>
    yargs
      .options({
        redis: {
          type: 'string',
          requiresArg: true,
          describe:
            'Redis URL, redis://HOST:PORT (loopback) or rediss://... (default $TLAB_REDIS_URL)',
        },
        concurrency: {
          type: 'string',
          requiresArg: true,
          describe: 'Jobs at once, one thread each (default: every core)',
        },
        cache: { type: 'string', requiresArg: true, describe: 'Local chunk cache folder' },
        'lock-ms': {
          type: 'string',
          requiresArg: true,
          describe: 'Job lock: a dead worker loses its job after about this long (default 30000)',
        },
      })
      .example('$0 worker --redis redis://127.0.0.1:6379', 'run jobs on every core of this machine')
      .example(
        'TLAB_REDIS_URL=rediss://:PASSWORD@redis.lan:6380 $0 worker --concurrency 8',
        'a worker on another machine (TLS, password kept out of argv)',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const o = validateArgs(schema, args);
    const { parseRedisUrl, redisUrlFrom } = await import('../../cluster/redis-url.ts');
    const { startClusterWorker } = await import('../../cluster/cluster-worker.ts');
    const target = parseRedisUrl(redisUrlFrom(args.redis, '--redis'));
    const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    const worker = await startClusterWorker({
      target,
      concurrency: o.concurrency ?? defaultWorkers(),
      cacheDir: path.resolve(args.cache ?? defaultChunkCache()),
      ...(o['lock-ms'] === undefined ? {} : { lockMs: o['lock-ms'] }),
      log,
    });
    await new Promise<void>((resolve) => {
      let stopping: Promise<void> | undefined;
      const stop = (signal: string) => {
        if (stopping === undefined) {
          log(`${signal}: finishing the running jobs (again to stop at once)`);
          stopping = worker.close().then(resolve);
        } else {
          log(`${signal}: stopping now; the running jobs go to other workers`);
          void worker.close(true).then(resolve);
        }
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
  },
};
