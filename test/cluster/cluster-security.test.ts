/**
 * @module Secrets on the cluster: with a Redis password (given in a URL on argv, and through
 * TLAB_REDIS_URL) and a T-Invest token in the submitter's environment, neither appears in any
 * worker log, the submitter's output, `tlab cluster status`, or anything written to Redis (its
 * append-only file holds every write, job payloads and results included). A wrong password is one
 * clear line; plain redis:// to another host is refused; rediss:// works with a private CA.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneLineError, runCli } from '../cli/run-cli.ts';
import { hasOpenssl, makeTestCa } from '../client/test-ca.ts';
import {
  doneJobs,
  makeCache,
  startWorker,
  stopWorkers,
  type WorkerProcess,
} from './cluster-fixture.ts';
import { REDIS_SERVER, REDIS_SKIP, startRedis, type TestRedis } from './redis-server.ts';

const PASSWORD = 'pw-Zq81xVt0';
const TOKEN = 't.TOKEN-never-in-redis-93kd';
let dir: string;
let redis: TestRedis;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-cluster-sec-'));
  makeCache(path.join(dir, 'cache.sqlite'), '1h', 24 * 60);
  if (REDIS_SERVER === undefined) return;
  redis = await startRedis({ password: PASSWORD });
});

afterAll(async () => {
  await stopWorkers(workers);
  await redis?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `d`, concatenated. */
function allBytes(d: string): string {
  return readdirSync(d)
    .map((f) => path.join(d, f))
    .map((f) => (statSync(f).isDirectory() ? allBytes(f) : readFileSync(f, 'latin1')))
    .join('');
}

describe.skipIf(REDIS_SERVER === undefined)(`cluster secrets${REDIS_SKIP}`, () => {
  it('no password or token in logs, outputs, status or Redis data', async () => {
    const cache = (k: number) => ['--cache', path.join(dir, `c${k}`), '--concurrency', '1'];
    workers.push(
      startWorker(['--redis', redis.url, ...cache(0)]),
      startWorker(cache(1), { TLAB_REDIS_URL: redis.url }),
    );
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
    const r = await runCli(
      [
        'optimize',
        ...['--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1h'],
        ...[
          '--from',
          '2024-01-05',
          '--to',
          '2024-02-25',
          '--grid',
          'fast=5,10',
          '--grid',
          'slow=20,40',
        ],
        ...['--db', path.join(dir, 'cache.sqlite'), '--cluster', redis.url, '--verbose'],
      ],
      { env: { TINKOFF_TOKEN_STRING: TOKEN } },
    );
    expect(r.code).toBe(0);
    const status = await runCli(['cluster', 'status', '--redis', redis.url]);
    expect(status.stdout).toContain('workers: 2');
    await stopWorkers(workers);
    const written = allBytes(redis.dir);
    expect(written).toContain('sma-cross');
    for (const text of [
      r.stdout,
      r.stderr,
      status.stdout,
      written,
      ...workers.map((w) => w.log()),
    ]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
    }
  });

  it('a wrong password and plain redis:// to another host are one-line refusals', async () => {
    const wrong = await runCli([
      'cluster',
      'status',
      '--redis',
      `redis://:nope@127.0.0.1:${redis.port}`,
    ]);
    expect(wrong.code).toBe(1);
    expect(isOneLineError(wrong.stderr)).toBe(true);
    expect(wrong.stderr).toContain('refused the credentials');
    expect(wrong.stderr).not.toContain('nope');
    const plain = await runCli(['worker', '--redis', 'redis://:secret@10.1.2.3:6379']);
    expect(plain.code).toBe(2);
    expect(isOneLineError(plain.stderr)).toBe(true);
    expect(plain.stderr).toContain('use rediss://');
    expect(plain.stderr).not.toContain('secret');
    const zero = await runCli(['worker', '--concurrency', '0', '--redis', redis.url]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe(
      'tlab: --concurrency 0 is out of range: pass a whole number of jobs at once, e.g. --concurrency 2\n',
    );
  });

  it.skipIf(!hasOpenssl)('runs a study over rediss:// with a private CA', async () => {
    const ca = makeTestCa();
    const { key, cert } = ca.issue('redis', 'IP:127.0.0.1');
    const keyFile = path.join(ca.dir, 'redis.key');
    const certFile = path.join(ca.dir, 'redis.pem');
    writeFileSync(keyFile, key);
    writeFileSync(certFile, cert);
    const tls = await startRedis({
      password: PASSWORD,
      tls: { keyFile, certFile, caFile: ca.caFile },
    });
    try {
      const env = { TLAB_REDIS_CA_FILE: ca.caFile };
      const w = startWorker(
        ['--redis', tls.url, '--cache', path.join(dir, 'ctls'), '--concurrency', '1'],
        env,
      );
      workers.push(w);
      await w.waitFor(/worker ready on rediss:\/\/127\.0\.0\.1/);
      const study = [
        ...['optimize', '--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1h'],
        ...[
          '--from',
          '2024-01-05',
          '--to',
          '2024-02-25',
          '--grid',
          'fast=5,10',
          '--grid',
          'slow=20',
        ],
        ...['--db', path.join(dir, 'cache.sqlite'), '--json'],
      ];
      const local = await runCli([...study, '--workers', '1']);
      const r = await runCli([...study, '--cluster', tls.url], { env });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(local.stdout);
      expect(doneJobs([w.log()])).toHaveLength(2);
      // Without the CA the server's certificate is not trusted: one line, no password.
      const untrusted = await runCli(['cluster', 'status', '--redis', tls.url]);
      expect(untrusted.code).toBe(1);
      expect(isOneLineError(untrusted.stderr)).toBe(true);
      expect(untrusted.stderr).not.toContain(PASSWORD);
    } finally {
      await stopWorkers(workers);
      await tls.dispose();
      rmSync(ca.dir, { recursive: true, force: true });
    }
  });
});
