/**
 * @module A real redis-server for the cluster tests: Debian's binary on a free loopback port with
 * its own temporary folder and append-only persistence (so a restart keeps the data, as a
 * production Redis would), optionally with a password. Stopped with SIGTERM, which makes Redis
 * flush its append-only file; restartable on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The redis-server binary, or undefined when it is not installed. */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) =>
  existsSync(f),
);

/** A running test Redis. */
export interface TestRedis {
  port: number;
  dir: string;
  /** redis://127.0.0.1:PORT (with the password when there is one). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the folder. */
  dispose(): Promise<void>;
}

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** TLS for a test Redis: PEM files of its certificate and key. */
export interface RedisTls {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/** Starts a redis-server; `password` turns on requirepass, `tls` serves TLS only (rediss://). */
export async function startRedis(
  o: { password?: string; tls?: RedisTls } = {},
): Promise<TestRedis> {
  const bin = REDIS_SERVER;
  if (bin === undefined)
    throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-redis-'));
  let child: ChildProcess | undefined;
  const listen =
    o.tls === undefined
      ? ['--port', String(port)]
      : [
          ...['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no'],
          ...['--tls-cert-file', o.tls.certFile, '--tls-key-file', o.tls.keyFile],
          ...['--tls-ca-cert-file', o.tls.caFile],
        ];
  const args = [
    ...listen,
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    ...(o.password === undefined ? [] : ['--requirepass', o.password]),
  ];
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${out}`)),
        10_000,
      );
      c.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child;
      child = undefined;
      if (c === undefined || c.exitCode !== null) return resolve();
      c.removeAllListeners('exit');
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  await start();
  const auth = o.password === undefined ? '' : `:${encodeURIComponent(o.password)}@`;
  return {
    port,
    dir,
    url:
      o.tls === undefined
        ? `redis://${auth}127.0.0.1:${port}`
        : `rediss://${auth}127.0.0.1:${port}`,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The title suffix that names why a Redis suite skipped (the run's skip summary prints it). */
export const REDIS_SKIP =
  REDIS_SERVER === undefined
    ? ' (skipped: redis-server is absent; apt-get install redis-server)'
    : '';
