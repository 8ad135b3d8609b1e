/**
 * @module A backtest on a continuous futures series pays its rolls: one long contract held through
 * the SiH4 -> SiM4 roll is closed and reopened at the roll candle's open, each leg paying 0.1%.
 * Hand-computed: bought at 92,100 (fee 92.10), rolled at 92,200 (fees 92.20 + 92.20), marked at
 * 92,450: equity 1,000,000 + 350 - 276.50 = 1,000,073.50; a position opened after the roll pays none.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import { instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';

const si = instrument({ ticker: 'Si-CONT', kind: 'futures', minPriceIncrement: 1 });
const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 18, 7);
const candles = [92000, 92100, 92200, 92300, 92400].map((open, k) => ({
  time: T0 + k * H,
  open,
  high: open + 50,
  low: open,
  close: open + 50,
  volume: 10,
}));

function config(buyAt: number): BacktestConfig {
  return {
    strategy: new ScriptedStrategy((k, _c, ctx) => {
      if (k === buyAt) ctx.buy(1);
    }),
    strategyName: 'scripted',
    instruments: [si],
    interval: '1h',
    range: { from: T0, to: T0 + 5 * H },
    feed: new MemoryFeed().add({ instrumentUid: si.uid, interval: '1h' }, candles),
    fees: { kind: 'percent', rate: 0.001 },
    rolls: new Map([[si.uid, [{ time: T0 + 2 * H, from: 'SiH4', to: 'SiM4' }]]]),
  };
}

describe('rolls of a continuous series', () => {
  it('closes and reopens a held position at the roll, paying both legs', async () => {
    const r = await runBacktest(config(0));
    expect(r.fills.map((f) => [f.side, f.price, f.commission])).toEqual([
      ['buy', 92100, 92.1],
      ['sell', 92200, 92.2],
      ['buy', 92200, 92.2],
    ]);
    expect(r.metrics.finalEquity).toBe(1_000_073.5);
    expect(r.metrics.commission).toBe(276.5);
    expect(r.openPositions).toEqual([expect.objectContaining({ lots: 1, averagePrice: 92200 })]);
  });

  it('pays nothing for a position opened after the roll', async () => {
    const r = await runBacktest(config(2));
    expect(r.fills.map((f) => [f.side, f.price])).toEqual([['buy', 92300]]);
    expect(r.metrics.finalEquity).toBe(1_000_000 + 150 - 92.3);
  });
});
