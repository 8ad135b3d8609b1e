/**
 * What the guards saw, kept with the run: the trading status is recorded when it changes (with a
 * live event) and, while the stream has told nothing, the last recorded one is used (a resumed
 * run's guards start from it); the last prices are the closes of the latest candles received,
 * of whichever interval closed last.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuardStatus } from '../../../src/cli/live/guard-status.ts';
import {
  openJournal,
  readLastPrices,
  readLiveEvents,
  readRunStatuses,
  LiveEventRecorder,
} from '../../../src/data/journal/index.ts';
import { M, SBER, T0, meta, tempDir } from './journal-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir('tlab-run-market-');
  file = path.join(tmp.dir, 'runs.sqlite');
});
afterEach(() => tmp.remove());

describe('run market state', () => {
  it('records the status the guards use when it changes, and falls back to it after a restart', () => {
    const j = openJournal(file);
    const id = j.startRun(meta());
    const rec = new LiveEventRecorder(j);
    rec.attach(id);
    const first = new GuardStatus(j, id, readRunStatuses(j, id), rec.sink);
    expect(first.of(SBER.uid, undefined, T0)).toBeUndefined();
    expect(first.of(SBER.uid, 'normal_trading', T0 + M)).toBe('normal_trading');
    expect(first.of(SBER.uid, 'normal_trading', T0 + 2 * M)).toBe('normal_trading');
    expect(first.of(SBER.uid, 'break_in_trading', T0 + 3 * M)).toBe('break_in_trading');
    expect(first.of(SBER.uid, 'normal_trading', T0 + 4 * M)).toBe('normal_trading');
    expect(readRunStatuses(j, id)).toEqual({
      [SBER.uid]: { status: 'normal_trading', time: T0 + 4 * M },
    });
    const changes = readLiveEvents(j, id, -1, { kinds: ['trading-status'] });
    expect(changes.map((e) => [e.time, e.event.status])).toEqual([
      [T0 + M, 'normal_trading'],
      [T0 + 3 * M, 'break_in_trading'],
      [T0 + 4 * M, 'normal_trading'],
    ]);
    // The resumed run: nothing from the stream yet, the recorded status; then the stream's.
    const resumed = new GuardStatus(j, id, readRunStatuses(j, id), rec.sink);
    expect(resumed.of(SBER.uid, undefined, T0 + 9 * M)).toBe('normal_trading');
    expect(resumed.of('other-uid', undefined, T0 + 9 * M)).toBeUndefined();
    expect(resumed.of(SBER.uid, 'closing_auction', T0 + 10 * M)).toBe('closing_auction');
    expect(readRunStatuses(j, id)[SBER.uid]).toEqual({ status: 'closing_auction', time: T0 + 10 * M });
    j.close();
  });

  it('gives the close of the latest candle per instrument as its last price', () => {
    const j = openJournal(file);
    const id = j.startRun(meta({ intervals: ['1m', '5m'] }));
    const c = (time: number, close: number) => ({ time, open: 1, high: 1, low: 1, close, volume: 1 });
    const m1 = { instrumentUid: SBER.uid, interval: '1m' } as const;
    const m5 = { instrumentUid: SBER.uid, interval: '5m' } as const;
    j.recordCandle(id, m1, c(T0, 100.1));
    j.recordCandle(id, m1, c(T0 + 3 * M, 100.3));
    j.recordCandle(id, m1, c(T0 + 4 * M, 0.1 + 0.2));
    j.recordCandle(id, m5, c(T0, 100.5));
    // The 1m candle at T0+4m and the 5m candle at T0 close together: the finer one's close.
    expect(readLastPrices(j, id)).toEqual({
      [SBER.uid]: { price: 0.1 + 0.2, time: T0 + 5 * M, interval: '1m' },
    });
    expect(readLastPrices(j, 'no-such-run')).toEqual({});
    j.close();
  });
});
