import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { batchFromCandles } from '../../src/core/candle.ts';
import { runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import { smaCross } from '../../src/strategies/index.ts';
import { instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { fillsOf, referenceSmaCross } from './reference-sma-cross.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(
  readFileSync(path.join(here, '../fixtures/engine/sber-1h.json'), 'utf8'),
) as {
  candles: number[][];
};
const rows = fixture.candles.map(([time, open, high, low, close, volume]) => ({
  time,
  open,
  high,
  low,
  close,
  volume,
}));
const batch = batchFromCandles(rows);
const sber = instrument({ ticker: 'SBER', lot: 10, shortEnabled: true });
const params = { fast: 10, slow: 30, lots: 2, short: false };

function config(): BacktestConfig {
  const feed = new MemoryFeed({ batchSize: 256 }).add(
    { instrumentUid: sber.uid, interval: '1h' },
    batch,
  );
  return {
    strategy: smaCross.create(params),
    strategyName: 'sma-cross',
    strategySource: 'golden',
    params: smaCross.parse(params),
    instruments: [sber],
    interval: '1h',
    range: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 6, 1) },
    feed,
    startingCash: 100_000,
  };
}

describe('golden backtest: sma-cross 10/30 on the committed 1h fixture', () => {
  it('trades exactly as the rule written out independently says', async () => {
    const r = await runBacktest(config());
    const ref = referenceSmaCross(batch, {
      fast: 10,
      slow: 30,
      lots: 2,
      lot: 10,
      cash: 100_000,
      fee: 0.0005,
    });
    expect(fillsOf(r.fills)).toEqual(ref.fills);
    expect(r.metrics.finalEquity).toBeCloseTo(ref.finalEquity, 6);
  });

  it('pins the trade list, fees and final equity', async () => {
    const r = await runBacktest(config());
    expect(rows.length).toBe(1080);
    expect(r.fills.length).toBe(GOLDEN.fills);
    expect(r.metrics.trades).toBe(GOLDEN.trades);
    expect(
      r.trades.slice(0, 3).map((t) => [t.entryTime, t.entryPrice, t.exitTime, t.exitPrice, t.pnl]),
    ).toEqual(GOLDEN.firstTrades);
    expect(r.metrics.commission).toBe(GOLDEN.commission);
    expect(r.metrics.finalEquity).toBe(GOLDEN.finalEquity);
    expect(r.fingerprint.tradesHash).toBe(GOLDEN.tradesHash);
    expect(r.fingerprint.dataHash).toBe(GOLDEN.dataHash);
  });

  it('is byte-identical when run twice', async () => {
    const a = JSON.stringify(await runBacktest(config()));
    const b = JSON.stringify(await runBacktest(config()));
    expect(b).toBe(a);
  });
});

/**
 * Pinned after checking by hand: trip 1 buys 2 lots (20 shares) at 287.02 and sells at 276.30:
 * gross 20 × (276.30 - 287.02) = -214.40; fees 20 × 287.02 × 0.0005 = 2.8702 → 2.87 and
 * 20 × 276.30 × 0.0005 = 2.763 → 2.76; net -220.03. 41 fills = 20 round trips + one open long.
 */
const GOLDEN = {
  fills: 41,
  trades: 20,
  firstTrades: [
    [
      Date.parse('2024-01-24T10:00:00Z'),
      287.02,
      Date.parse('2024-01-25T14:00:00Z'),
      276.3,
      -220.03,
    ],
    [
      Date.parse('2024-01-31T12:00:00Z'),
      276.39,
      Date.parse('2024-02-02T11:00:00Z'),
      269.85,
      -136.26,
    ],
    [Date.parse('2024-02-07T14:00:00Z'), 271.11, Date.parse('2024-02-12T12:00:00Z'), 271.78, 7.97],
  ],
  commission: 107.65,
  finalEquity: 99_825.95,
  tradesHash: '65f073bab1260284be302845600fbb6671b2215403188fc12c67b4344830cc44',
  dataHash: '187d3e5074073b2cb986844d2eeff8453af984adad877faada255a19cda55f34',
};
