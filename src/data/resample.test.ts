import { describe, expect, it } from 'vitest';
import { aggregate } from '../core/aggregate.ts';
import type { Candle } from '../core/candle.ts';
import { openStore } from './store.ts';
import { resampleFromMinutes } from './resample.ts';

const H = 3_600_000;
const D0 = Date.UTC(2024, 0, 2);
const spec = {
  uid: 'u1',
  figi: 'F1',
  ticker: 'TST',
  classCode: 'TQBR',
  isin: '',
  name: 'Test',
  kind: 'share' as const,
  lot: 1,
  minPriceIncrement: 0.01,
  currency: 'rub',
  shortEnabled: false,
  exchange: 'MOEX',
};

/** Minutes 07:00..09:59 with a simple price walk; 08:17 missing (no trades). */
function minutes(): Candle[] {
  const out: Candle[] = [];
  for (let m = 0; m < 180; m++) {
    if (m === 77) continue;
    const p = 100 + (m % 13) * 0.01;
    out.push({ time: D0 + 7 * H + m * 60_000, open: p, high: p + 0.05, low: p - 0.03, close: p + 0.01, volume: m + 1 });
  }
  return out;
}

describe('resampleFromMinutes', () => {
  it('aggregates whole hours inside the covered minutes and covers exactly them', () => {
    const store = openStore(':memory:');
    store.upsertInstrument(spec);
    // Covered 06:30..10:00: the 06:00 hour is partial and must not be built.
    store.upsertCandles('u1', '1m', minutes(), { from: D0 + 6.5 * H, to: D0 + 10 * H });
    const r = resampleFromMinutes(store, 'u1', '1h');
    expect(r.candles).toBe(3);
    expect(store.coveredRanges('u1', '1h')).toEqual([{ from: D0 + 7 * H, to: D0 + 10 * H }]);
    const hours = store.readCandles('u1', '1h', D0, D0 + 86_400_000);
    expect(hours).toEqual(aggregate(minutes(), '1h'));
    expect(hours[1]).toMatchObject({ time: D0 + 8 * H, open: minutes()[60].open, close: minutes()[118].close });
    store.close();
  });

  it('writes nothing new on a rerun and nothing for days without whole candles', () => {
    const store = openStore(':memory:');
    store.upsertInstrument(spec);
    store.upsertCandles('u1', '1m', minutes(), { from: D0 + 7 * H, to: D0 + 10 * H });
    expect(resampleFromMinutes(store, 'u1', '1h').candles).toBe(3);
    expect(resampleFromMinutes(store, 'u1', '1h')).toEqual({ interval: '1h', candles: 0, covered: [] });
    // 07:00..10:00 holds no whole day.
    expect(resampleFromMinutes(store, 'u1', '1d').candles).toBe(0);
    store.close();
  });
});
