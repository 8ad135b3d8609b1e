/**
 * @module `tlab cluster status`: the queue, the live workers and the newest studies of the
 * cluster on a Redis server (see `tlab worker` and `--cluster` of optimize and walk-forward).
 */
import type { Argv, CommandModule } from 'yargs';
import { jsonOption } from '../options/output.ts';

interface StatusArgs {
  redis?: string;
  json: boolean;
}

const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: 'Queue counts, live workers and recent studies',
  builder: (yargs: Argv) =>
    yargs.options({
      redis: {
        type: 'string',
        requiresArg: true,
        describe: 'Redis URL (default $TLAB_REDIS_URL)',
      },
      ...jsonOption('Print the status as one JSON object'),
    }) as unknown as Argv<StatusArgs>,
  handler: async (args) => {
    const { parseRedisUrl, redisUrlFrom } = await import('../../cluster/redis-url.ts');
    const { clusterStatus, statusText } = await import('../../cluster/cluster-status.ts');
    const s = await clusterStatus(parseRedisUrl(redisUrlFrom(args.redis, '--redis')));
    process.stdout.write(args.json ? `${JSON.stringify(s)}\n` : statusText(s));
  },
};

/** The `cluster` command. */
export const clusterCommand: CommandModule = {
  command: 'cluster <command>',
  describe: 'Inspect the study cluster on Redis (status)',
  builder: (yargs: Argv) =>
    yargs
      .command(statusCommand as unknown as CommandModule)
      .demandCommand(1, 'Name a cluster command: status')
      .example('$0 cluster status --redis redis://127.0.0.1:6379', 'queues, workers, studies'),
  handler: () => undefined,
};
