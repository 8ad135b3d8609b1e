/**
 * @module The chart data embedded in `report.html`: per-instrument price candles with trade
 * markers, the equity curve against buy-and-hold, and both drawdowns, each downsampled to a budget.
 * Compact arrays keep the page small; the page's script turns them into lightweight-charts series.
 */
import type { BacktestResult, RoundTrip } from '../../engine/result.ts';
import { plainDecimal } from '../format.ts';
import { candleIndexAt, downsampleCandles, downsampleLine, drawdownPercent } from './downsample.ts';
import type { ChartCandle, ChartPoint, PriceSeries } from './downsample.ts';

/** Price series per instrument, keyed by ticker (or instrument uid), as the CLI read them. */
export type CandlesByInstrument =
  ReadonlyMap<string, PriceSeries> | Readonly<Record<string, PriceSeries>>;

/** A trade marker: `[timeSeconds, kind]`; kind 0 long entry, 1 long exit, 2 short entry, 3 short exit. */
export type ChartMarker = [number, 0 | 1 | 2 | 3];

/** One instrument's price chart. */
export interface PriceChartData {
  instrument: string;
  /** What one candle spans on the chart, e.g. `1h`, or the run's interval when shown as given. */
  candleLabel: string;
  /** Decimal places of the prices (for the price scale). */
  precision: number;
  candles: ChartCandle[];
  markers: ChartMarker[];
}

/** Everything the page's charts draw. */
export interface PageChartData {
  price: PriceChartData[];
  equity: ChartPoint[];
  benchmark: ChartPoint[];
  drawdown: ChartPoint[];
  benchmarkDrawdown: ChartPoint[];
}

/** Budgets of {@link buildChartData}. */
export interface ChartBudget {
  /** Total price candles across all instruments (default 20000; at least 2000 each). */
  maxPriceCandles: number;
  /** Points per line series (default 5000). */
  maxLinePoints: number;
}

const BUCKET_LABELS: Record<number, string> = {
  60_000: '1m',
  300_000: '5m',
  900_000: '15m',
  1_800_000: '30m',
  3_600_000: '1h',
  14_400_000: '4h',
  86_400_000: '1d',
  604_800_000: '1w',
};

function seriesEntries(candles: CandlesByInstrument): [string, PriceSeries][] {
  return candles instanceof Map
    ? [...(candles as ReadonlyMap<string, PriceSeries>).entries()]
    : Object.entries(candles as Readonly<Record<string, PriceSeries>>);
}

/** Instruments in the run's order first, then any extra keys sorted; empty series dropped. */
function orderedSeries(
  result: BacktestResult,
  candles: CandlesByInstrument,
): [string, PriceSeries][] {
  const entries = seriesEntries(candles).filter(([, s]) => s.length > 0);
  const rank = (key: string): number => {
    const i = result.universe.instruments.indexOf(key);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return entries.sort(
    (a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
}

/** Decimal places the first candles' prices use (capped at 8), so the price scale shows them all. */
function pricePrecision(candles: readonly ChartCandle[]): number {
  let most = 0;
  for (const c of candles.slice(0, 500)) {
    for (const p of [c[1], c[2], c[3], c[4]]) {
      const text = plainDecimal(p);
      const dot = text.indexOf('.');
      if (dot >= 0) most = Math.max(most, text.length - dot - 1);
    }
  }
  return Math.min(most, 8);
}

function markersFor(
  trades: readonly RoundTrip[],
  key: string,
  candles: ChartCandle[],
): ChartMarker[] {
  const out: ChartMarker[] = [];
  const at = (t: number): number => candles[candleIndexAt(candles, Math.floor(t / 1000))][0];
  for (const t of trades) {
    if (t.instrument !== key && t.instrumentUid !== key) continue;
    const short = t.side === 'short' ? 2 : 0;
    if (Number.isFinite(t.entryTime)) out.push([at(t.entryTime), short as 0 | 2]);
    if (Number.isFinite(t.exitTime)) out.push([at(t.exitTime), (short + 1) as 1 | 3]);
  }
  // lightweight-charts wants markers in time order; the kind breaks ties so the order is stable.
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function priceCharts(
  result: BacktestResult,
  candles: CandlesByInstrument,
  trades: readonly RoundTrip[],
  budget: ChartBudget,
): PriceChartData[] {
  const series = orderedSeries(result, candles);
  const each = Math.max(2000, Math.floor(budget.maxPriceCandles / Math.max(1, series.length)));
  return series.map(([key, s]) => {
    const d = downsampleCandles(s, each);
    const label =
      d.bucketMs === null
        ? (result.universe.intervals[0] ?? 'as given')
        : `${BUCKET_LABELS[d.bucketMs]} (aggregated)`;
    return {
      instrument: key,
      candleLabel: label,
      precision: pricePrecision(d.candles),
      candles: d.candles,
      markers: markersFor(trades, key, d.candles),
    };
  });
}

/**
 * The chart data of a report. `trades` are the round trips to mark (the report passes the same
 * subset its trades table shows, so markers and table agree).
 */
export function buildChartData(
  result: BacktestResult,
  candles: CandlesByInstrument,
  trades: readonly RoundTrip[],
  budget: ChartBudget,
): PageChartData {
  const { time, equity, benchmark } = result.equity;
  const line = { maxPoints: budget.maxLinePoints, digits: 2 };
  const pct = { maxPoints: budget.maxLinePoints, digits: 4 };
  return {
    price: priceCharts(result, candles, trades, budget),
    equity: downsampleLine(time, equity, line),
    benchmark: downsampleLine(time, benchmark, line),
    drawdown: downsampleLine(time, drawdownPercent(equity, result.startingCash), pct),
    benchmarkDrawdown: downsampleLine(time, drawdownPercent(benchmark, result.startingCash), pct),
  };
}
