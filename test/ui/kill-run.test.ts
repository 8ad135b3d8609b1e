// The kill switch's checks before it signals anything: a run that is not running, one with no
// recorded process, one on another host, one whose process is gone, one whose pid now belongs to
// another program, and the dashboard's own process are all refused with a line saying which; a
// live tlab process on this host gets exactly one SIGINT.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalReader } from '../../src/data/journal/journal-reader.ts';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import type { SqliteRunJournal } from '../../src/data/journal/sqlite-journal.ts';
import { killRun } from '../../src/ui/live/kill-run.ts';

describe('the kill switch checks', () => {
  let dir: string;
  let file: string;
  let writer: SqliteRunJournal;
  let runId: string;
  const sent: [number, string][] = [];
  const send = (pid: number, signal: string) => void sent.push([pid, signal]);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-ui-kill-'));
    file = path.join(dir, 'runs.sqlite');
    writer = openJournal(file);
    runId = writer.startRun({
      mode: 'paper',
      strategy: 's',
      strategySourceHash: 'x',
      params: {},
      models: {},
      instruments: [],
      intervals: ['1m'],
      from: 0,
      to: 1,
      startingCash: 1,
      startedAt: 0,
    });
    sent.length = 0;
  });
  afterEach(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (pid: number | null, host: string | null) =>
    writer.db.prepare('UPDATE runs SET pid = ?, host = ? WHERE run_id = ?').run(pid, host, runId);
  const kill = () => {
    const j = openJournalReader(file);
    try {
      return killRun(j, runId, send);
    } finally {
      j.close();
    }
  };

  it('refuses without a recorded process, on another host, or for the dashboard itself', () => {
    record(null, null);
    expect(kill).toThrow(/does not record which process runs/);
    record(process.pid, 'elsewhere.example');
    expect(kill).toThrow(/runs on elsewhere\.example, not on this machine/);
    record(process.pid, os.hostname());
    expect(kill).toThrow(/runs in the dashboard's own process/);
    expect(sent).toEqual([]);
  });

  it('refuses a process that is gone or a pid that is another program now', () => {
    const done = spawnSync(process.execPath, ['-e', '0']);
    record(done.pid!, os.hostname());
    expect(kill).toThrow(/is gone: the run ended without recording it/);
    const other = spawn('sleep', ['30']);
    try {
      record(other.pid!, os.hostname());
      expect(kill).toThrow(/is now another program/);
    } finally {
      other.kill('SIGKILL');
    }
    expect(sent).toEqual([]);
  });

  it('refuses a run that has ended, and signals a live tlab process once', () => {
    // A stand-in whose command line names tlab, as /proc shows it for `tlab paper`.
    const tlab = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', 'tlab-paper']);
    try {
      record(tlab.pid!, os.hostname());
      expect(kill()).toEqual({ pid: tlab.pid });
      expect(sent).toEqual([[tlab.pid, 'SIGINT']]);
      writer.endRun(runId, { outcome: 'stopped', endedAt: 1 });
      expect(kill).toThrow(/is stopped, not running: there is nothing to stop/);
      expect(sent).toHaveLength(1);
    } finally {
      tlab.kill('SIGKILL');
    }
  });
});
