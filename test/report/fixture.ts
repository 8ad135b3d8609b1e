/**
 * @module A hand-made backtest result for the report tests: a seeded synthetic candle series, a few
 * long and short round trips filled at candle opens, and the equity and buy-and-hold curves those
 * trades imply. Independent of the engine, so the report can be tested on its own.
 */
import type { Candle } from '../../src/core/candle.ts';
import { SeededRandom } from '../../src/core/random.ts';
import type { BacktestResult, FillRecord, Metrics, RoundTrip } from '../../src/engine/result.ts';

/** Units per lot in the fixture instrument. */
export const LOT = 10;
/** Commission rate of the fixture (0.05% of traded value). */
export const FEE = 0.0005;
/** Starting cash of the fixture. */
export const CASH = 100_000;

/** `n` synthetic candles with prices on a 0.01 grid, `stepMs` apart, `vol` the per-candle sigma. */
export function makeCandles(
  n: number,
  start = Date.UTC(2024, 0, 8, 7),
  stepMs = 3_600_000,
  vol = 0.01,
): Candle[] {
  const seed = 7;
  const rnd = new SeededRandom(seed);
  const out: Candle[] = [];
  let price = 250;
  const tick = (x: number): number => Math.round(x * 100) / 100;
  for (let i = 0; i < n; i++) {
    const open = tick(price);
    const close = tick(open * (1 + vol * rnd.normal()));
    const high = tick(Math.max(open, close) * (1 + 0.003 * rnd.next()));
    const low = tick(Math.min(open, close) * (1 - 0.003 * rnd.next()));
    out.push({ time: start + i * stepMs, open, high, low, close, volume: 100 + i });
    price = close;
  }
  return out;
}

/** Entry index, exit index, side, lots: the fixture's round trips. */
type Plan = [number, number, 'long' | 'short', number][];

const PLAN: Plan = [
  [10, 40, 'long', 2],
  [60, 75, 'short', 1],
  [100, 160, 'long', 3],
  [200, 230, 'long', 1],
];

/** A long run's plan: alternating long and short trips every `every` candles. */
function repeatingPlan(n: number, every: number): Plan {
  const plan: Plan = [];
  for (let e = 10, k = 0; e + every / 2 < n; e += every, k++) {
    plan.push([e, e + Math.floor(every / 2), k % 3 === 1 ? 'short' : 'long', 1 + (k % 3)]);
  }
  return plan;
}

function roundTrips(candles: Candle[], ticker: string, plan: Plan): RoundTrip[] {
  return plan
    .filter(([, x]) => x < candles.length)
    .map(([e, x, side, lots]) => {
      const entryPrice = candles[e].open;
      const exitPrice = candles[x].open;
      const dir = side === 'long' ? 1 : -1;
      const commission = FEE * lots * LOT * (entryPrice + exitPrice);
      return {
        instrument: ticker,
        instrumentUid: `uid-${ticker}`,
        side,
        lots,
        entryTime: candles[e].time,
        entryPrice,
        exitTime: candles[x].time,
        exitPrice,
        pnl: dir * lots * LOT * (exitPrice - entryPrice) - commission,
        commission,
      };
    });
}

function curves(
  candles: Candle[],
  trades: RoundTrip[],
): { equity: Float64Array; bench: Float64Array } {
  const equity = new Float64Array(candles.length);
  const bench = new Float64Array(candles.length);
  const entries = new Map(trades.map((t) => [t.entryTime, t]));
  const exits = new Map(trades.map((t) => [t.exitTime, t]));
  const units = CASH / candles[0].open;
  let cash = CASH;
  let pos = 0;
  candles.forEach((c, i) => {
    const x = exits.get(c.time);
    if (x !== undefined) {
      const q = (x.side === 'long' ? 1 : -1) * x.lots * LOT;
      pos -= q;
      cash += q * x.exitPrice - FEE * x.lots * LOT * x.exitPrice;
    }
    const e = entries.get(c.time);
    if (e !== undefined) {
      const q = (e.side === 'long' ? 1 : -1) * e.lots * LOT;
      pos += q;
      cash -= q * e.entryPrice + FEE * e.lots * LOT * e.entryPrice;
    }
    equity[i] = cash + pos * c.close;
    bench[i] = units * c.close;
  });
  return { equity, bench };
}

/** The two fills of every round trip (entry, exit), in time order, as a broker reports them. */
export function fillsOf(trades: readonly RoundTrip[]): FillRecord[] {
  const fills: FillRecord[] = [];
  trades.forEach((t, i) => {
    const entry = t.side === 'long' ? 'buy' : 'sell';
    const exit = t.side === 'long' ? 'sell' : 'buy';
    const fee = (p: number): number => FEE * t.lots * LOT * p;
    const base = { instrumentUid: t.instrumentUid, lots: t.lots };
    fills.push({
      ...base,
      orderId: `o${2 * i}`,
      side: entry,
      price: t.entryPrice,
      time: t.entryTime,
      commission: fee(t.entryPrice),
    });
    fills.push({
      ...base,
      orderId: `o${2 * i + 1}`,
      side: exit,
      price: t.exitPrice,
      time: t.exitTime,
      commission: fee(t.exitPrice),
    });
  });
  return fills.sort((a, b) => a.time - b.time);
}

/** Metrics with fixed, recognisable figures (the report formats them; it does not compute them). */
export function fixtureMetrics(finalEquity: number, trades: RoundTrip[]): Metrics {
  const wins = trades.filter((t) => t.pnl > 0).length;
  return {
    totalReturn: finalEquity / CASH - 1,
    cagr: 0.1234,
    volatility: 0.2071,
    sharpe: 1.2345,
    sortino: 1.9876,
    calmar: 2.5,
    maxDrawdown: 0.0456,
    maxDrawdownDuration: 3 * 86_400_000 + 4 * 3_600_000,
    trades: trades.length,
    winRate: trades.length ? wins / trades.length : null,
    profitFactor: 1.75,
    expectancy: 123.456,
    averageWin: 400.5,
    averageLoss: -150.25,
    exposure: 0.3125,
    turnover: 4.2,
    commission: trades.reduce((s, t) => s + t.commission, 0),
    finalEquity,
  };
}

/**
 * A complete result over `candles` of one instrument: the four hand-made trips, or with
 * `tradeEvery` a trip every that many candles (for long runs).
 */
export function makeResult(
  candles: Candle[],
  ticker = 'SBER',
  tradeEvery?: number,
): BacktestResult {
  const plan = tradeEvery === undefined ? PLAN : repeatingPlan(candles.length, tradeEvery);
  const trades = roundTrips(candles, ticker, plan);
  const { equity, bench } = curves(candles, trades);
  const time = Float64Array.from(candles, (c) => c.time);
  const last = candles[candles.length - 1];
  const benchMetrics = fixtureMetrics(bench[bench.length - 1], []);
  return {
    fingerprint: {
      strategy: 'sma-cross',
      strategySourceHash: 'a'.repeat(64),
      params: { slow: 30, fast: 10, lots: 1 },
      dataHash: 'b'.repeat(64),
      models: {
        fillModel: 'next-bar',
        fees: { kind: 'percent', rate: FEE },
        slippage: { kind: 'none' },
        allowShort: true,
        startingCash: CASH,
        historyLength: 500,
      },
      engineVersion: '0.1.0',
      tradesHash: 'c'.repeat(64),
    },
    params: { slow: 30, fast: 10, lots: 1 },
    universe: {
      instruments: [ticker],
      intervals: ['1h'],
      from: candles[0].time,
      to: last.time + 3_600_000,
    },
    startingCash: CASH,
    metrics: fixtureMetrics(equity[equity.length - 1], trades),
    benchmark: {
      ...benchMetrics,
      sharpe: 0.5,
      profitFactor: null,
      expectancy: null,
      winRate: null,
    },
    trades,
    fills: fillsOf(trades),
    equity: { time, equity, benchmark: bench },
    currency: 'rub',
  };
}
