/**
 * @module The cluster end to end: a real redis-server, real `tlab worker` processes and the real
 * `tlab optimize` / `tlab walk-forward` with `--cluster`. A study on three workers writes exactly
 * the files and table a local run writes; a study submitted again runs nothing again; a worker
 * killed with SIGKILL mid-job loses nothing (BullMQ hands its job to another worker); a Redis
 * restart mid-study only pauses it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import {
  doneJobs,
  makeCache,
  ranJobs,
  spawnCli,
  startWorker,
  stopWorkers,
  type WorkerProcess,
} from './cluster-fixture.ts';
import { REDIS_SERVER, REDIS_SKIP, startRedis, type TestRedis } from './redis-server.ts';

let dir: string;
let redis: TestRedis;
let client: Redis;
let hourly: string;
let minute: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-cluster-cli-'));
  hourly = path.join(dir, 'hourly.sqlite');
  minute = path.join(dir, 'minute.sqlite');
  makeCache(hourly, '1h', 24 * 120);
  makeCache(minute, '1m', 14 * 1440);
  if (REDIS_SERVER === undefined) return;
  redis = await startRedis();
  client = new Redis(redis.port, '127.0.0.1');
  client.on('error', () => {});
});

afterAll(async () => {
  await stopWorkers(workers);
  client?.disconnect();
  await redis?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await stopWorkers(workers.splice(0));
  await client?.flushall();
});

function spawnWorkers(n: number, extra: string[] = []): WorkerProcess[] {
  const list = Array.from({ length: n }, (_, k) =>
    startWorker([
      '--redis',
      redis.url,
      '--concurrency',
      '1',
      '--cache',
      path.join(dir, `cache-${workers.length + k}`),
      // A job whose worker or lock was lost returns to the queue within seconds, not 30.
      ...['--lock-ms', '2000'],
      ...extra,
    ]),
  );
  workers.push(...list);
  return list;
}

/** The hourly study on the cluster, into folder `out`. */
const hourlyOnCluster = (out: string) =>
  runCli([...hourlyStudy, '--db', hourly, '--cluster', redis.url, '--out', out]);

const ready = (list: WorkerProcess[]) => Promise.all(list.map((w) => w.waitFor(/worker ready/)));

const hourlyStudy = [
  'optimize',
  '--strategy',
  'sma-cross',
  '--instrument',
  'SBER',
  '--interval',
  '1h',
  '--from',
  '2024-01-15',
  '--to',
  '2024-04-20',
  '--grid',
  'fast=5:25:5',
  '--grid',
  'slow=20,40,60,80',
  '--constraint',
  'fast<slow',
];

const minuteStudy = (db: string, slow: string) => [
  'optimize',
  '--strategy',
  'sma-cross',
  '--instrument',
  'SBER',
  '--interval',
  '1m',
  '--from',
  '2024-01-01',
  '--to',
  '2024-01-15',
  '--grid',
  'fast=5,10,20',
  '--grid',
  `slow=${slow}`,
  '--db',
  db,
  '--json',
];

/** `n` ready workers and the minute study over `slow`, with its local run's output. */
async function minuteSetup(n: number, extra: string[], slow: string) {
  const list = spawnWorkers(n, extra);
  const args = minuteStudy(minute, slow);
  const local = await runCli([...args, '--workers', '1']);
  await ready(list);
  return { list, args, local };
}

const files = (d: string) =>
  ['results.csv', 'results.json', 'optimize.html'].map((f) => readFileSync(path.join(d, f)));

describe.skipIf(REDIS_SERVER === undefined)(
  `tlab optimize / walk-forward --cluster${REDIS_SKIP}`,
  () => {
    it('three workers give byte-identical outputs to a local run; a resubmitted study runs nothing', async () => {
      const three = spawnWorkers(3);
      const localOut = path.join(dir, 'local');
      const local = await runCli([
        ...hourlyStudy,
        '--db',
        hourly,
        '--workers',
        '1',
        '--out',
        localOut,
      ]);
      expect(local.code).toBe(0);
      await ready(three);
      const clusterOut = path.join(dir, 'cluster');
      const r = await hourlyOnCluster(clusterOut);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.replace(clusterOut, 'DIR')).toBe(local.stdout.replace(localOut, 'DIR'));
      expect(files(clusterOut)).toEqual(files(localOut));
      const configurations = JSON.parse(readFileSync(path.join(localOut, 'results.json'), 'utf8'))
        .configurations as number;
      const done = doneJobs(three.map((w) => w.log()));
      expect(done).toHaveLength(configurations);
      expect(new Set(done).size).toBe(configurations);

      // Submitted again (a new folder, so no local resume log): every job is already complete.
      const againOut = path.join(dir, 'again');
      const again = await hourlyOnCluster(againOut);
      expect(again.code).toBe(0);
      expect(files(againOut)).toEqual(files(localOut));
      expect(doneJobs(three.map((w) => w.log()))).toHaveLength(configurations);

      const wf = [
        'walk-forward',
        ...hourlyStudy.slice(1, 7),
        '--from',
        '2024-01-01',
        '--to',
        '2024-04-20',
        '--grid',
        'fast=5,10',
        '--grid',
        'slow=20,40',
        '--in-sample',
        '30d',
        '--out-of-sample',
        '20d',
        '--db',
        hourly,
      ];
      const wfLocal = await runCli([...wf, '--json', '--workers', '1']);
      const wfCluster = await runCli([...wf, '--json', '--cluster', redis.url]);
      expect(wfCluster.code).toBe(0);
      expect(wfCluster.stdout).toBe(wfLocal.stdout);
      expect(JSON.parse(wfLocal.stdout).windows.length).toBeGreaterThan(2);

      const status = await runCli(['cluster', 'status', '--redis', redis.url, '--json']);
      const s = JSON.parse(status.stdout);
      expect(s.workers).toHaveLength(3);
      expect(s.queue.failed).toBe(0);
      expect(s.studies.map((x: { kind: string; state: string }) => `${x.kind} ${x.state}`)).toEqual(
        ['walk-forward done', 'optimize done'],
      );

      // SIGTERM: each worker stops cleanly, saying what it moved.
      await stopWorkers(three);
      for (const w of three) {
        expect(await w.exited).toBe(0);
        expect(w.log()).toMatch(/stopped: pulled \d+ chunks/);
      }
    });

    it('a worker killed with SIGKILL mid-job: its job goes to another, each configuration once', async () => {
      const { list, args, local } = await minuteSetup(3, [], '60,120,240,480');
      const [victim, ...others] = list;
      const study = runCli([...args, '--cluster', redis.url]);
      await victim.waitFor(/ run [0-9a-f]{12} /);
      victim.child.kill('SIGKILL');
      const r = await study;
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(local.stdout);
      const j = JSON.parse(r.stdout);
      const keys = j.results.map((x: { params: unknown }) => JSON.stringify(x.params));
      expect(new Set(keys).size).toBe(j.configurations);
      // The job the victim was running when it died was finished by another worker.
      const lost = ranJobs(victim.log()).filter((id) => !doneJobs([victim.log()]).includes(id));
      expect(lost).toHaveLength(1);
      expect(doneJobs(others.map((w) => w.log()))).toContain(lost[0]);
    });

    it('a submitter killed and rerun: completed jobs are not run again', async () => {
      const { list: two, args, local } = await minuteSetup(2, [], '30,90,150,300');
      const killed = spawnCli([...args, '--cluster', redis.url]);
      await two[0].waitFor(/ done [0-9a-f]{12} /);
      killed.child.kill('SIGKILL');
      expect((await killed.result).code).toBe(null);
      const rerun = await runCli([...args, '--cluster', redis.url]);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toBe(local.stdout);
      const done = doneJobs(two.map((w) => w.log()));
      expect(done).toHaveLength(JSON.parse(local.stdout).configurations);
      expect(new Set(done).size).toBe(done.length);
    });

    it('a Redis restart mid-study: the study resumes and completes', async () => {
      const { list: two, args, local } = await minuteSetup(2, [], '45,100,200,400');
      const study = runCli([...args, '--cluster', redis.url]);
      // Stopped while a job runs: its completion meets a Redis that is not there.
      await two[0].waitFor(/ done [0-9a-f]{12} .*\n.* run [0-9a-f]{12} /);
      const before = doneJobs(two.map((w) => w.log())).length;
      await redis.stop();
      await new Promise((r) => setTimeout(r, 500));
      await redis.start();
      const r = await study;
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(local.stdout);
      const configurations = JSON.parse(local.stdout).configurations as number;
      expect(before).toBeLessThan(configurations);
      expect(doneJobs(two.map((w) => w.log())).length).toBeGreaterThanOrEqual(configurations);
    });
  },
  // Real processes on a shared 2-core machine: generous, so load alone does not fail a test.
  120_000,
);
