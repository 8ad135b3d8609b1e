import { describe, expect, it } from 'vitest';
import { batchFromCandles } from '../core/candle.ts';
import { RunSessions, SessionFeed } from './session-feed.ts';
import { openStore } from './store.ts';
import type { Instrument } from '../core/instrument.ts';

const sber = { uid: 'u-sber', exchange: 'MOEX' } as Instrument;
const day = (d: number, h: number) => Date.UTC(2024, 0, d, h);

describe('RunSessions and SessionFeed', () => {
  it('judges a day candle by its UTC day, whatever hour stamps it', () => {
    const store = openStore(':memory:');
    const s = new RunSessions(store, [sber], 'main+evening');
    expect(s.keeps(sber.uid, '1d', day(7, 7))).toBe(false); // Sunday 07:00 reaches into Monday
    expect(s.keeps(sber.uid, '1d', day(8, 7))).toBe(true);
    expect(s.keeps(sber.uid, '1h', day(8, 6))).toBe(true); // holds the 06:50 opening auction
    expect(s.keeps(sber.uid, '1h', day(8, 5))).toBe(false);
    store.close();
  });

  it('passes on only kept candles, synchronously when the inner feed is', () => {
    const store = openStore(':memory:');
    const rows = [day(8, 5), day(8, 7), day(8, 21), day(9, 16)].map((time, k) => ({ time, open: 1 + k, high: 1 + k, low: 1 + k, close: 1 + k, volume: 1 }));
    const inner = { read: () => [batchFromCandles(rows)], missing: () => [] };
    const feed = new SessionFeed(inner, new RunSessions(store, [sber], 'main'));
    const out = feed.read({ instrumentUid: sber.uid, interval: '1m' }, { from: 0, to: 1e13 });
    expect(Symbol.iterator in out).toBe(true);
    const kept = [...(out as Iterable<ReturnType<typeof batchFromCandles>>)].flatMap((b) => [...b.open.subarray(0, b.length)]);
    expect(kept).toEqual([2]);
    store.close();
  });

  it('keeps exactly the candles whose span meets a kept session, for every interval and selection', () => {
    // Reference: the calendar's own overlap test over each candle's span, candle by candle.
    const store = openStore(':memory:');
    for (const selection of ['main', 'main+evening'] as const) {
      const runs = new RunSessions(store, [sber], selection);
      const cal = runs.calendar(sber.uid);
      for (const [interval, ms] of [['1m', 60_000], ['5m', 300_000], ['1h', 3_600_000], ['4h', 14_400_000]] as const) {
        const test = runs.keepTest(sber.uid, interval);
        for (let t = day(5, 0); t < day(9, 0); t += ms) {
          const expected = cal?.overlaps(t, t + ms, runs.kinds) ?? true;
          if (test(t) !== expected) throw new Error(`${selection} ${interval} ${new Date(t).toISOString()}`);
        }
      }
    }
    store.close();
  });
});
