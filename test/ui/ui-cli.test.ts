// `tlab ui` as a user runs it (the real binary): it prints the address it serves and stops on
// SIGINT; off loopback without TLS it refuses in one line (exit 2); with TLS it prints the access
// token exactly once, in the address, and nowhere else (not on stderr, not in a second line).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneLineError, ROOT, runCli } from '../cli/run-cli.ts';
import { send } from './http-client.ts';
import { selfSigned } from './tls.ts';
import { uiFiles, type UiFiles } from './ui-rig.ts';

/** Runs `tlab ui ARGS` until it prints its address, then SIGINT; returns what it printed. */
async function serveOnce(args: string[], visit: (url: string) => Promise<void>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tlab.mjs'), 'ui', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^dashboard: (\S+)$/m.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`tlab ui exited ${code}: ${stderr}`)));
  });
  await visit(url);
  child.kill('SIGINT');
  const code = await exited;
  return { url, code, stdout, stderr };
}

describe('tlab ui', () => {
  let files: UiFiles;
  beforeAll(async () => {
    files = await uiFiles();
  }, 60_000);
  afterAll(() => files?.remove());

  it('serves loopback by default and stops on SIGINT', async () => {
    const args = ['--port', '0', '--db', files.cacheFile, '--journal', files.journalFile];
    const run = await serveOnce(args, async (url) => {
      const runs = JSON.parse((await send(`${url}/api/runs`)).body);
      expect(runs.runs.map((r: { runId: string }) => r.runId)).toEqual([...files.runIds].reverse());
    });
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`dashboard: ${run.url}\n`);
    expect(run.stderr).toBe('');
  }, 60_000);

  it('refuses a non-loopback address without TLS, in one line', async () => {
    const r = await runCli(['ui', '--host', '0.0.0.0', '--db', files.cacheFile]);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/must use TLS.*--cert FILE --key FILE/);
    const half = await runCli(['ui', '--host', '0.0.0.0', '--cert', 'x.pem']);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--cert and --key go together/);
  }, 60_000);

  it('prints the token of a TLS dashboard once, in its address, and nowhere else', async () => {
    const tls = selfSigned(files.dir);
    const args = ['--host', '0.0.0.0', '--port', '0', '--cert', tls.certFile, '--key', tls.keyFile];
    const run = await serveOnce(
      [...args, '--db', files.cacheFile, '--journal', files.journalFile],
      async (url) => {
        const base = `https://127.0.0.1:${new URL(url).port}`;
        expect((await send(`${base}/api/runs`, { ca: tls.cert })).status).toBe(401);
      },
    );
    const token = /#token=([A-Za-z0-9_-]+)$/.exec(run.url)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.stdout.split(token!).length - 1).toBe(1);
    expect(run.stderr).not.toContain(token!);
    expect(run.code).toBe(0);
  }, 60_000);
});
