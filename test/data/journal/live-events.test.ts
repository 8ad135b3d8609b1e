/**
 * Live events and the writing process in the journal: events held before the run has an id are
 * written first and in order, seq continues across a resume, reads page after a seq and filter by
 * kind, tokens are redacted, Errors keep their message; pid and host are recorded at start and at
 * resume, listed with the run, and probed for life; a version-1 journal migrates with its runs kept.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LiveEventRecorder,
  countLiveEvents,
  openJournal,
  processState,
  readLiveEvents,
  readRunProcess,
} from '../../../src/data/journal/index.ts';
import { JOURNAL_MIGRATIONS } from '../../../src/data/journal/journal-schema.ts';
import { makeRedactor } from '../../../src/live/client/redact.ts';
import { T0, meta, tempDir } from './journal-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir('tlab-live-events-');
  file = path.join(tmp.dir, 'runs.sqlite');
});
afterEach(() => tmp.remove());

const TOKEN = 't.secret-token-value-123';

describe('live events in the journal', () => {
  it('holds events until the run has an id, then writes them in order, seq from 0', () => {
    const j = openJournal(file);
    const rec = new LiveEventRecorder(j);
    rec.sink({ kind: 'stream-connected', time: T0, stream: 0 });
    rec.sink({ kind: 'rate-limit-wait', time: T0 + 1, waitMs: 250 });
    expect(j.db.prepare('SELECT count(*) AS n FROM live_events').get()).toEqual({ n: 0 });
    const id = j.startRun(meta());
    rec.attach(id);
    rec.sink({ kind: 'guard-trip', time: T0 + 2, guard: 'max-order-value', value: 0.1 + 0.2 });
    const all = readLiveEvents(j, id);
    expect(all.map((e) => [e.seq, e.kind, e.time])).toEqual([
      [0, 'stream-connected', T0],
      [1, 'rate-limit-wait', T0 + 1],
      [2, 'guard-trip', T0 + 2],
    ]);
    expect(all[2].event).toEqual({
      kind: 'guard-trip',
      time: T0 + 2,
      guard: 'max-order-value',
      value: 0.1 + 0.2,
    });
    j.close();
  });

  it('pages after a seq, filters by kind, counts by kind, continues seq after a resume', () => {
    const j = openJournal(file);
    const id = j.startRun(meta());
    const first = new LiveEventRecorder(j);
    first.attach(id);
    for (let k = 0; k < 5; k++) first.sink({ kind: k % 2 ? 'stream-dead' : 'order-update', time: T0 + k });
    j.close();

    // Another process resumes the run and goes on numbering.
    const again = openJournal(file, { mustExist: true });
    again.resumeRun(id);
    const second = new LiveEventRecorder(again);
    second.attach(id);
    second.sink({ kind: 'kill', time: T0 + 9, signal: 'SIGTERM' });
    expect(readLiveEvents(again, id, 2).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(readLiveEvents(again, id, -1, { limit: 2 }).map((e) => e.seq)).toEqual([0, 1]);
    expect(readLiveEvents(again, id, 0, { kinds: ['stream-dead', 'kill'] }).map((e) => e.seq)).toEqual(
      [1, 3, 5],
    );
    expect(countLiveEvents(again, id)).toEqual({ 'order-update': 3, 'stream-dead': 2, kill: 1 });
    expect(readLiveEvents(again, 'no-such-run')).toEqual([]);
    again.close();
  });

  it('never stores the token and keeps an Error as its name and message', () => {
    const j = openJournal(file);
    const id = j.startRun(meta());
    const rec = new LiveEventRecorder(j, { redact: makeRedactor([TOKEN]) });
    rec.attach(id);
    rec.sink({
      kind: 'call-retry',
      time: T0,
      error: new Error(`UNAUTHENTICATED for ${TOKEN}`),
      header: `Bearer ${TOKEN}`,
      big: 12n,
    });
    const raw = j.db.prepare('SELECT event FROM live_events').all() as { event: string }[];
    expect(raw.map((r) => r.event).join('\n')).not.toContain(TOKEN);
    const [e] = readLiveEvents(j, id);
    expect(e.event.error).toEqual({ name: 'Error', message: 'UNAUTHENTICATED for [redacted]' });
    expect(e.event.header).toBe('Bearer [redacted]');
    expect(e.event.big).toBe('12');
    j.close();
  });

  it('drops an event it cannot write and says so, without throwing', () => {
    const j = openJournal(file);
    const errors: unknown[] = [];
    const rec = new LiveEventRecorder(j, { onError: (e) => errors.push(e) });
    rec.attach(j.startRun(meta()));
    const loop: Record<string, unknown> = { kind: 'order-update', time: T0 };
    loop.self = loop;
    expect(() => rec.sink(loop as { kind: string; time: number })).not.toThrow();
    expect(errors).toHaveLength(1);
    j.close();
  });
});

describe('the process that writes a run', () => {
  it('records pid and host at start and again at resume, and lists them', () => {
    const a = openJournal(file, { writer: { pid: 111, host: 'box-a' } });
    const id = a.startRun(meta());
    expect(readRunProcess(a, id)).toEqual({ pid: 111, host: 'box-a' });
    expect(a.listRuns()[0]).toMatchObject({ runId: id, pid: 111, host: 'box-a' });
    a.close();
    const b = openJournal(file, { writer: { pid: 222, host: 'box-b' } });
    b.resumeRun(id);
    expect(readRunProcess(b, id)).toEqual({ pid: 222, host: 'box-b' });
    expect(readRunProcess(b, 'no-such-run')).toBeUndefined();
    b.close();
  });

  it('tells a live process from a dead one on this host, and cannot tell on another', () => {
    const here = { pid: process.pid, host: 'here' };
    expect(processState({ pid: process.pid, host: 'here' }, { pid: 1, host: 'here' })).toBe('alive');
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    expect(deadPid).toBeGreaterThan(0);
    expect(processState({ pid: deadPid, host: 'here' }, here)).toBe('gone');
    expect(processState({ pid: process.pid, host: 'there' }, here)).toBe('elsewhere');
  });

  it('migrates a version-1 journal: its runs kept, without a recorded process', () => {
    const db = new Database(file);
    db.exec(JOURNAL_MIGRATIONS[0]);
    db.pragma('user_version = 1');
    db.prepare(
      `INSERT INTO runs (run_id, mode, strategy, source_hash, params, models, instruments, intervals,
        from_time, to_time, starting_cash, outcome, started_at)
       VALUES ('r1', 'paper', 's', 'h', '{}', '{}', '[]', '[]', 0, 1, 100, 'running', 0)`,
    ).run();
    db.close();
    const j = openJournal(file, { mustExist: true });
    expect(j.db.pragma('user_version', { simple: true })).toBe(JOURNAL_MIGRATIONS.length);
    expect(j.listRuns().map((r) => r.runId)).toEqual(['r1']);
    expect(j.listRuns()[0].pid).toBeUndefined();
    expect(readRunProcess(j, 'r1')).toBeUndefined();
    expect(readLiveEvents(j, 'r1')).toEqual([]);
    j.close();
  });
});
