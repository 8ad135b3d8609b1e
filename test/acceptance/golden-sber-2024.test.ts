import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importArchiveFile,
  openStore,
  SqliteFeed,
  type CandleStore,
} from '../../src/data/index.ts';
import { runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import { smaCross } from '../../src/strategies/index.ts';
import { instrument } from '../stubs/candles.ts';
import { fillsOf, referenceSmaCross, tripsOf } from './reference-sma-cross.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const archive = path.join(
  path.resolve(root, '../shared/data/moex-1m-2024'),
  'BBG004730N88_2024.zip',
);
const present = existsSync(archive);
const params = { fast: 60, slow: 240, lots: 1, short: false };

/**
 * End to end on real data: the 2024 SBER 1-minute archive is imported into an in-memory SQLite cache,
 * and sma-cross 60/240 (one lot of 10 shares, 100,000 RUB, 0.05% fees) runs on it through SqliteFeed.
 * Plausibility of the pinned figures: SBER opened 2024 at 268.87 and stood at 255.98 on 8 Nov, so
 * buy-and-hold lost 100,000 × (1 - 255.98 / 268.87) = 4.79%; a one-lot minute-scale crossover pays
 * about 2.87 RUB of commission per round trip, and 954 trips cost 2,742.91 RUB, most of its -3.2%.
 * With exact SMAs (ties are ties) it makes 954 round trips; the float running sum made 957, reading
 * exact ties as crosses (figures before: 1915 fills, 2,751.75 fees, 96,784.57 final equity).
 */
describe.skipIf(!present)(
  'golden backtest on real 2024 SBER minutes (skipped: archive absent)',
  () => {
    let store: CandleStore;
    let config: () => BacktestConfig;

    beforeAll(async () => {
      store = openStore(':memory:');
      const imported = await importArchiveFile(store, archive);
      const sber = instrument({ uid: imported.uid, ticker: 'SBER', figi: 'BBG004730N88', lot: 10 });
      const range = imported.covered as { from: number; to: number };
      config = () => ({
        strategy: smaCross.create(params),
        strategyName: 'sma-cross',
        params: smaCross.parse(params),
        instruments: [sber],
        interval: '1m',
        range,
        feed: new SqliteFeed(store),
        startingCash: 100_000,
      });
    });

    afterAll(() => store?.close());

    /** The archive's candles as columns, for the reference. */
    function columns() {
      const { instruments, range } = config();
      const candles = store.readCandles(instruments[0].uid, '1m', range.from, range.to);
      return {
        time: candles.map((c) => c.time),
        open: candles.map((c) => c.open),
        close: candles.map((c) => c.close),
      };
    }

    it('agrees with the independent statement of the rule, fill for fill', async () => {
      const r = await runBacktest(config());
      const all = columns();
      expect(all.time.length).toBe(257_500);
      const ref = referenceSmaCross(all, { ...params, lot: 10, cash: 100_000, fee: 0.0005 });
      expect(fillsOf(r.fills)).toEqual(ref.fills);
      expect(r.metrics.finalEquity).toBeCloseTo(ref.finalEquity, 2);
    });

    it.each([
      [10, 30],
      [20, 50],
      [60, 240],
    ])('sma-cross %i/%i equals the exact reference trade for trade', async (fast, slow) => {
      const p = { fast, slow, lots: 1, short: false };
      const r = await runBacktest({
        ...config(),
        strategy: smaCross.create(p),
        params: smaCross.parse(p),
      });
      const ref = referenceSmaCross(columns(), { ...p, lot: 10, cash: 100_000, fee: 0.0005 });
      expect(r.trades.length).toBe(ref.trips.length);
      expect(tripsOf(r.trades)).toEqual(ref.trips);
      expect(fillsOf(r.fills)).toEqual(ref.fills);
      expect(r.metrics.finalEquity).toBeCloseTo(ref.finalEquity, 2);
      expect(r.trades.length).toBe(TRIPS[`${fast}/${slow}`]);
    });

    it('pins trades, fees, final equity and the benchmark to the kopeck', async () => {
      const r = await runBacktest(config());
      expect(r.equity.time.length).toBe(257_500);
      expect(r.fills.length).toBe(1909);
      expect(r.metrics.trades).toBe(954);
      expect(r.metrics.commission).toBe(2742.91);
      expect(r.metrics.finalEquity).toBe(96_795.51);
      expect(r.benchmark.finalEquity).toBe(95_205.86);
      expect(r.openPositions).toEqual([
        expect.objectContaining({
          lots: 1,
          averagePrice: 252.08,
          lastPrice: 255.98,
          unrealizedPnl: 39,
        }),
      ]);
    });

    it('is byte-identical when run twice', async () => {
      const a = JSON.stringify(await runBacktest(config()));
      const b = JSON.stringify(await runBacktest(config()));
      expect(b).toBe(a);
    });
  },
);

/**
 * Round trips of the exact rule over the archive. The float running sum made 7,839 (of which 7,548
 * were exact ones) at 10/30, 4,550 (4,448) at 20/50 and 957 (945) at 60/240.
 */
const TRIPS: Record<string, number> = { '10/30': 7769, '20/50': 4529, '60/240': 954 };
