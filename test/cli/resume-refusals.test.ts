/**
 * @module `--resume RUN` refusals through the real binary: a run of another mode, a run whose
 * process is still alive (the journal records its pid and host), and a run that already ended are
 * each refused in one line naming the fix, exit 2, before anything connects (a TCP server standing
 * in for the venue counts connections: none).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, thisProcess } from '../../src/data/journal/index.ts';
import { meta } from '../data/journal/journal-fixture.ts';
import { isOneLineError, runCli } from './run-cli.ts';

describe('--resume refusals', () => {
  let server: Server;
  let connections = 0;
  let endpoint = '';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-resume-refuse-'));
  const journal = path.join(dir, 'runs.sqlite');
  const runs: Record<'deadSandbox' | 'aliveSandbox' | 'donePaper', string> = {
    deadSandbox: '',
    aliveSandbox: '',
    donePaper: '',
  };

  beforeAll(async () => {
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    endpoint = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const dead = openJournal(journal, {
      writer: { pid: Number(gone.stdout.toString()), host: thisProcess().host },
    });
    runs.deadSandbox = dead.startRun(meta({ mode: 'sandbox', accountId: 'acc-1' }));
    runs.donePaper = dead.startRun(meta());
    dead.endRun(runs.donePaper, { outcome: 'completed', endedAt: Date.UTC(2026, 11, 1, 15) });
    dead.close();
    // This test's own process stands for a run still going.
    const alive = openJournal(journal);
    runs.aliveSandbox = alive.startRun(meta({ mode: 'sandbox', accountId: 'acc-2' }));
    alive.close();
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, () => string[], RegExp][] = [
    [
      'a sandbox run with tlab paper',
      () => ['paper', '--resume', runs.deadSandbox],
      /is a sandbox run, not a paper one.*tlab sandbox --resume/,
    ],
    [
      'a run whose process is still alive',
      () => ['sandbox', '--resume', runs.aliveSandbox],
      new RegExp(`still running \\(pid ${process.pid} on .*stop it first`),
    ],
    ['a run that already ended', () => ['paper', '--resume', runs.donePaper], /already completed/],
  ];

  for (const [name, args, message] of cases) {
    it(`refuses ${name} in one line, exit 2, nothing sent`, async () => {
      const before = connections;
      const r = await runCli([...args(), '--journal', journal, '--endpoint', endpoint], {
        cwd: dir,
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(2);
      expect(isOneLineError(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(message);
      expect(connections).toBe(before);
    });
  }
});
