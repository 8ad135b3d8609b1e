/**
 * The SQLite run journal on real files: a run written entry by entry reads back exactly (floats,
 * order, positions), as RunSoFar and as the shared RunRecord; resume numbers after what is there;
 * listing filters and sorts newest first; bad files and unknown ids fail with typed errors; a
 * batch that throws leaves nothing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JournalFileError,
  MissingJournalError,
  RunNotRunningError,
  UnknownRunError,
  journalPathFor,
  looksLikeRunId,
  newRunId,
  openJournal,
} from '../../../src/data/journal/index.ts';
import type { OrderUpdate } from '../../../src/engine/ports/broker.ts';
import { M, SBER, T0, meta, tempDir } from './journal-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir('tlab-journal-');
  file = path.join(tmp.dir, 'runs.sqlite');
});
afterEach(() => tmp.remove());

const request = { instrumentUid: SBER.uid, side: 'buy', lots: 3, type: 'market' } as const;
const fill: OrderUpdate = {
  orderId: 'o-1',
  status: 'partially-filled',
  request,
  time: T0 + 2 * M,
  price: 0.1 + 0.2, // not a short decimal: must come back bit for bit
  lots: 1,
  commission: 0.000150000000000001,
  filledLots: 1,
  remainingLots: 2,
};

describe('SqliteRunJournal', () => {
  it('reads back every entry of a run exactly, in order, as RunSoFar and RunRecord', () => {
    let t = Date.UTC(2026, 11, 1, 14);
    const j = openJournal(file, { wallClock: () => t++ });
    const id = j.startRun(meta());
    expect(looksLikeRunId(id)).toBe(true);
    const key = { instrumentUid: SBER.uid, interval: '1m' } as const;
    const c = { time: T0, open: 100.1, high: 100.3, low: 99.9, close: 100.2, volume: 7 };
    j.recordCandle(id, key, c);
    j.recordCandle(id, key, { ...c, time: T0 + M });
    const ack = { accepted: true, pending: true };
    j.recordDecision(id, { seq: 0, time: T0 + 2 * M, orderId: 'o-1', request, ack, at: 2 });
    j.recordEvent(id, { seq: 0, update: fill, phase: 'outside', at: 2 });
    j.recordCancel(id, { seq: 0, time: T0 + 3 * M, orderId: 'o-1', ok: true, at: 3 });
    j.recordError(id, T0 + 3 * M, 'stream dropped');
    j.close();

    const r = openJournal(file, { mustExist: true });
    const so = r.readSoFar(id);
    expect(so.outcome).toBe('running');
    expect(so.meta).toEqual(meta());
    expect(so.candleCount).toBe(2);
    expect(so.lastCandle).toEqual({ [`${SBER.uid}|1m`]: T0 + M });
    expect(so.decisions).toEqual([
      { seq: 0, time: T0 + 2 * M, orderId: 'o-1', request, ack, at: 2 },
    ]);
    expect(so.events).toEqual([{ seq: 0, update: fill, phase: 'outside', at: 2 }]);
    expect(Object.is(so.events[0].update.status === 'partially-filled' && so.events[0].update.price, 0.1 + 0.2)).toBe(true);
    expect(so.cancels).toEqual([{ seq: 0, time: T0 + 3 * M, orderId: 'o-1', ok: true, at: 3 }]);
    const rec = r.readRun(id);
    expect(rec.instruments).toEqual([{ uid: SBER.uid, ticker: 'SBER' }]);
    expect(rec.fills).toEqual([
      { orderId: 'o-1', instrumentUid: SBER.uid, side: 'buy', lots: 1, price: 0.1 + 0.2, time: T0 + 2 * M, commission: fill.status === 'partially-filled' ? fill.commission : 0 },
    ]);
    expect(rec.errors).toEqual([{ time: T0 + 3 * M, message: 'stream dropped' }]);
    expect(rec.metrics).toBeUndefined();
    r.close();
  });

  it('ends a run with metrics and counters, refuses later writes, and resumes numbering after what is there', () => {
    const j = openJournal(file);
    const id = j.startRun(meta());
    const key = { instrumentUid: SBER.uid, interval: '1m' } as const;
    const c = { time: T0, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    j.recordCandle(id, key, c);
    j.recordError(id, T0, 'first');
    j.endRun(id, { outcome: 'stopped', endedAt: 5, to: T0 + M, counters: { reconnects: 2 } });
    expect(() => j.recordCandle(id, key, c)).toThrow(RunNotRunningError);
    expect(j.readRun(id)).toMatchObject({ outcome: 'stopped', endedAt: 5, to: T0 + M });
    expect(j.readCounters(id)).toEqual({ reconnects: 2 });
    j.close();

    const again = openJournal(file, { mustExist: true });
    expect(() => again.recordCandle(id, key, c)).toThrow(RunNotRunningError);
    const rec = again.resumeRun(id);
    expect(rec.outcome).toBe('running');
    expect(rec.endedAt).toBeUndefined();
    again.recordCandle(id, key, { ...c, time: T0 + M });
    again.recordError(id, T0 + M, 'second');
    const so = again.readSoFar(id);
    expect(so.candleCount).toBe(2);
    expect(so.errors.map((e) => e.message)).toEqual(['first', 'second']);
    again.close();
  });

  it('refuses a repeated decision or event seq (no entry is written twice)', () => {
    const j = openJournal(file);
    const id = j.startRun(meta());
    const d = { seq: 0, time: T0, orderId: 'o', request, ack: { accepted: true, pending: false }, at: 0 };
    j.recordDecision(id, d);
    expect(() => j.recordDecision(id, d)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(j.readSoFar(id).decisions).toHaveLength(1);
    j.close();
  });

  it('lists runs newest first, filtered by mode, with trades and final equity of finished ones', () => {
    let t = Date.UTC(2026, 11, 1, 14);
    const j = openJournal(file, { wallClock: () => (t += 1000) });
    const a = j.startRun(meta({ mode: 'backtest' }));
    const b = j.startRun(meta({ mode: 'paper' }));
    const c = j.startRun(meta({ mode: 'backtest', strategy: 'rsi' }));
    const metrics = { trades: 4, finalEquity: 101_234.5 } as never;
    j.endRun(a, { outcome: 'completed', endedAt: 1, metrics });
    expect(j.listRuns().map((r) => r.runId)).toEqual([c, b, a]);
    expect(j.listRuns({ mode: 'backtest' }).map((r) => r.runId)).toEqual([c, a]);
    expect(j.listRuns({ strategy: 'rsi' }).map((r) => r.runId)).toEqual([c]);
    expect(j.listRuns({ limit: 1 }).map((r) => r.runId)).toEqual([c]);
    const done = j.listRuns({ outcome: 'completed' });
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ runId: a, trades: 4, finalEquity: 101_234.5, decisions: 0 });
    j.close();
  });

  it('batch: one transaction; a throw inside leaves no trace of the run', async () => {
    const j = openJournal(file);
    await expect(
      j.batch(async () => {
        const id = j.startRun(meta());
        j.recordError(id, T0, 'x');
        await Promise.resolve();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(j.listRuns()).toEqual([]);
    const id = await j.batch(() => j.startRun(meta()));
    expect(j.listRuns().map((r) => r.runId)).toEqual([id]);
    j.close();
  });

  it('fails clearly on a missing file, an unknown run, a foreign database and a newer schema', () => {
    expect(() => openJournal(file, { mustExist: true })).toThrow(MissingJournalError);
    const j = openJournal(file);
    expect(() => j.readRun('20260101-000000-000-abcdef')).toThrow(UnknownRunError);
    j.close();
    const foreign = path.join(tmp.dir, 'other.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openJournal(foreign)).toThrow(JournalFileError);
    const newer = path.join(tmp.dir, 'newer.sqlite');
    openJournal(newer).close();
    const db2 = new Database(newer);
    db2.pragma('user_version = 99');
    db2.close();
    expect(() => openJournal(newer)).toThrow(/newer than this tlab/);
    const text = path.join(tmp.dir, 'text.sqlite');
    writeFileSync(text, 'hello, this is not a database at all, not even close to one......');
    expect(() => openJournal(text)).toThrow(/not an SQLite database/);
  });

  it('opens in WAL with synchronous NORMAL, or FULL on request', () => {
    const j = openJournal(file);
    expect(j.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(j.db.pragma('synchronous', { simple: true })).toBe(1);
    j.close();
    const f = openJournal(file, { synchronous: 'full' });
    expect(f.db.pragma('synchronous', { simple: true })).toBe(2);
    f.close();
  });

  it('run ids sort by start time and the default journal sits beside the cache', () => {
    const a = newRunId(Date.UTC(2026, 0, 2, 3, 4, 5, 6), '00000000-0000');
    const b = newRunId(Date.UTC(2026, 0, 2, 3, 4, 5, 7), 'ffffffff-0000');
    expect(a).toBe('20260102-030405-006-000000');
    expect(a < b).toBe(true);
    expect(journalPathFor('/x/data/tlab.sqlite')).toBe('/x/data/runs.sqlite');
  });
});
