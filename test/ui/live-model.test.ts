// The live page's picture of a run, from a real journal written through the journal's own API
// while a read-only reader follows it: cash, lots, equity marked to the last close (checked against
// the sums done by hand in integer kopecks), drawdown, open orders, fills and errors; the hub
// reads nothing while nobody commits and stops following when its last listener leaves; the reader
// never creates, migrates or writes a file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalReader } from '../../src/data/journal/journal-reader.ts';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import type { SqliteRunJournal } from '../../src/data/journal/sqlite-journal.ts';
import type { OrderRequest } from '../../src/engine/ports/broker.ts';
import { LiveHub, type LiveMessage } from '../../src/ui/live/live-hub.ts';
import { UiSources } from '../../src/ui/server/ui-sources.ts';
import { instrument } from '../stubs/candles.ts';

const SBER = instrument({ ticker: 'SBER', uid: 'uid-sber', lot: 10 });
const T0 = Date.UTC(2024, 9, 2, 8);
const MIN = 60_000;
const series = { instrumentUid: SBER.uid, interval: '1m' as const };
const buy: OrderRequest = { instrumentUid: SBER.uid, side: 'buy', lots: 3, type: 'market' };
const sellLimit: OrderRequest = {
  instrumentUid: SBER.uid,
  side: 'sell',
  lots: 2,
  type: 'limit',
  limitPrice: 250.5,
};

function candle(k: number, close: number) {
  return { time: T0 + k * MIN, open: close, high: close, low: close, close, volume: 1 };
}

describe('the live picture of a journaled run', () => {
  let dir: string;
  let file: string;
  let writer: SqliteRunJournal;
  let runId: string;
  let sources: UiSources;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-ui-model-'));
    file = path.join(dir, 'runs.sqlite');
    writer = openJournal(file);
    runId = writer.startRun({
      mode: 'paper',
      strategy: 'sma-cross',
      strategySourceHash: 'x',
      params: {},
      models: {},
      instruments: [SBER],
      intervals: ['1m'],
      from: T0,
      to: Infinity,
      startingCash: 100_000,
      startedAt: 0,
    });
    sources = new UiSources(path.join(dir, 'none.sqlite'), file);
  });
  afterEach(() => {
    sources.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds candles, decisions and fills into cash, positions, equity and open orders', async () => {
    const hub = new LiveHub(sources, 10_000);
    const got: LiveMessage[] = [];
    const stop = hub.subscribe(runId, (m) => got.push(m));
    expect(got.map((m) => m.type)).toEqual(['snapshot']);
    expect(got[0].data.head.cash).toBe(100_000);

    writer.recordCandle(runId, series, candle(0, 250.1));
    writer.recordDecision(runId, {
      seq: 0,
      time: T0 + MIN,
      orderId: 'o1',
      request: buy,
      ack: { accepted: true, pending: true },
      at: 1,
    });
    writer.recordDecision(runId, {
      seq: 1,
      time: T0 + MIN,
      orderId: 'o2',
      request: sellLimit,
      ack: { accepted: true, pending: true },
      at: 1,
    });
    writer.recordDecision(runId, {
      seq: 2,
      time: T0 + MIN,
      orderId: 'o3',
      request: buy,
      ack: { accepted: false, pending: false, code: 'insufficient-cash', reason: 'no' },
      at: 1,
    });
    const fill = { price: 250.2, lots: 3, commission: 0.38, filledLots: 3, remainingLots: 0 };
    writer.recordEvent(runId, {
      seq: 0,
      update: { status: 'filled', orderId: 'o1', request: buy, time: T0 + MIN, ...fill },
      phase: 'hook',
      at: 1,
    });
    writer.recordCandle(runId, series, candle(1, 249.9));
    writer.recordError(runId, T0 + 2 * MIN, 'stream dropped');
    hub.poll();

    const change = got.at(-1)!;
    expect(change.type).toBe('change');
    const h = change.data.head;
    // In kopecks: 100000.00 - 3 lots x 10 x 250.20 - 0.38 = 92493.62; marked at 249.90: + 7497.00.
    expect(Math.round(h.cash * 100)).toBe(10_000_000 - 3 * 10 * 25_020 - 38);
    expect(Math.round(h.equity! * 100)).toBe(9_249_362 + 3 * 10 * 24_990);
    expect(h.positions).toEqual([
      { ticker: 'SBER', uid: SBER.uid, lots: 3, lastClose: 249.9, value: 3 * 10 * 249.9 },
    ]);
    expect(h.openOrders.map((o) => [o.orderId, o.side, o.remainingLots, o.limitPrice])).toEqual([
      ['o2', 'sell', 2, 250.5],
    ]);
    expect([h.decisions, h.rejected, h.candles]).toEqual([3, 1, 2]);
    expect(
      change.data.fills.map((f) => [f.orderId, f.side, f.lots, f.price, f.commission]),
    ).toEqual([['o1', 'buy', 3, 250.2, 0.38]]);
    // One equity point per candle; the drawdown is below the running peak (the start, 100000).
    expect(change.data.equity.map((p) => p[0])).toEqual([T0 / 1000, (T0 + MIN) / 1000]);
    const [, value, dd] = change.data.equity[1];
    expect(dd).toBeCloseTo(((value - 100_000) / 100_000) * 100, 12);
    expect(change.data.errors).toEqual([{ time: T0 + 2 * MIN, message: 'stream dropped' }]);

    // A partial fill of the limit order leaves it open with what remains; a cancel closes it.
    const part = { price: 250.5, lots: 1, commission: 0.13, filledLots: 1, remainingLots: 1 };
    writer.recordEvent(runId, {
      seq: 1,
      update: {
        status: 'partially-filled',
        orderId: 'o2',
        request: sellLimit,
        time: T0 + 2 * MIN,
        ...part,
      },
      phase: 'hook',
      at: 2,
    });
    hub.poll();
    expect(got.at(-1)!.data.head.openOrders.map((o) => o.remainingLots)).toEqual([1]);
    expect(got.at(-1)!.data.head.positions[0].lots).toBe(2);
    writer.recordEvent(runId, {
      seq: 2,
      update: {
        status: 'cancelled',
        orderId: 'o2',
        request: sellLimit,
        time: T0 + 3 * MIN,
        reason: 'stop',
        filledLots: 1,
      },
      phase: 'cancel',
      at: 2,
    });
    writer.endRun(runId, { outcome: 'stopped', endedAt: 5 });
    hub.poll();
    const last = got.at(-1)!.data.head;
    expect(last.openOrders).toEqual([]);
    expect(last.outcome).toBe('stopped');

    // A page joining now gets the same picture whole.
    const late: LiveMessage[] = [];
    const stopLate = hub.subscribe(runId, (m) => late.push(m));
    expect(late[0].data.head).toEqual(last);
    expect(late[0].data.fills.map((f) => f.orderId)).toEqual(['o1', 'o2']);
    stopLate();
    stop();
  });

  it('keeps the equity curve in time order when another series delivers an older candle', () => {
    const hub = new LiveHub(sources, 10_000);
    const got: LiveMessage[] = [];
    const stop = hub.subscribe(runId, (m) => got.push(m));
    writer.recordCandle(runId, series, candle(5, 250));
    hub.poll();
    // The 5m candle that opened at T0 is journaled after the 1m candle of T0+5m.
    writer.recordCandle(runId, { instrumentUid: SBER.uid, interval: '5m' }, candle(0, 251));
    hub.poll();
    expect(got.at(-1)!.data.equity.map((p) => p[0])).toEqual([(T0 + 5 * MIN) / 1000]);
    const late: LiveMessage[] = [];
    const stopLate = hub.subscribe(runId, (m) => late.push(m));
    expect(late[0].data.equity.map((p) => p[0])).toEqual([(T0 + 5 * MIN) / 1000]);
    stopLate();
    stop();
  });

  it('reads nothing while nobody commits, and stops when the last listener leaves', () => {
    const hub = new LiveHub(sources, 10_000);
    const got: LiveMessage[] = [];
    const stop = hub.subscribe(runId, (m) => got.push(m));
    hub.poll();
    const reads = hub.reads;
    for (let k = 0; k < 5; k++) hub.poll();
    expect(hub.reads).toBe(reads);
    expect(got).toHaveLength(1);
    writer.recordCandle(runId, series, candle(0, 250));
    hub.poll();
    expect(hub.reads).toBe(reads + 1);
    expect(got).toHaveLength(2);
    stop();
    writer.recordCandle(runId, series, candle(1, 251));
    hub.poll();
    expect(got).toHaveLength(2);
  });

  it('never writes: the reader refuses a write, creates no file and leaves the writer unblocked', () => {
    expect(() => openJournalReader(path.join(dir, 'absent.sqlite'))).toThrow(/no run journal at/);
    expect(existsSync(path.join(dir, 'absent.sqlite'))).toBe(false);
    const reader = openJournalReader(file);
    expect(() => reader.db.prepare("UPDATE runs SET outcome = 'failed'").run()).toThrow(
      /readonly|query_only|attempt to write/i,
    );
    // The writer commits while the reader holds a read snapshot open.
    reader.snapshot(() => {
      expect(reader.listRuns()).toHaveLength(1);
      writer.recordCandle(runId, series, candle(0, 250));
    });
    expect(reader.readRun(runId).outcome).toBe('running');
    reader.close();
  });
});
