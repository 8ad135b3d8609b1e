/**
 * @module The chart data embedded in `report.html`: per-instrument price candles with trade
 * markers, the equity curve against buy-and-hold, and both drawdowns, each downsampled to a budget.
 * Compact arrays keep the page small; the page's script turns them into lightweight-charts series.
 */
import type { BacktestResult, RoundTrip } from '../../engine/result.ts';
import type { StrategyChart } from '../../strategies/chart-spec.ts';
import { plainDecimal } from '../format.ts';
import { findInstrument } from '../instrument-specs.ts';
import type { ReportInstrument } from '../instrument-specs.ts';
import { downsampleCandles, downsampleLine, drawdownPercent } from './downsample.ts';
import type { ChartCandle, ChartPoint, PriceSeries } from './downsample.ts';
import { indicatorData } from './indicator-series.ts';
import type { IndicatorLineData, IndicatorPaneData } from './indicator-series.ts';
import { exposureSeries, positionSeries } from './position-series.ts';
import { tradeMarkers } from './trade-markers.ts';
import type { ChartMarker } from './trade-markers.ts';

/** Price series per instrument, keyed by ticker (or instrument uid), as the CLI read them. */
export type CandlesByInstrument =
  ReadonlyMap<string, PriceSeries> | Readonly<Record<string, PriceSeries>>;

/** One instrument's price chart. */
export interface PriceChartData {
  instrument: string;
  /** What one candle spans on the chart, e.g. `1h`, or the run's interval when shown as given. */
  candleLabel: string;
  /** Decimal places of the prices (for the price scale). */
  precision: number;
  candles: ChartCandle[];
  markers: ChartMarker[];
  /** The strategy's indicators over the price (its chart.ts). */
  overlays: IndicatorLineData[];
  /** The strategy's indicators in panes of their own. */
  panes: IndicatorPaneData[];
  /** Signed position in lots after the fills of each candle (exposure over time). */
  position: ChartPoint[];
  /** The position's value in % of equity per candle; empty when the lot size is not known. */
  exposure: ChartPoint[];
}

/** Everything the page's charts draw. */
export interface PageChartData {
  price: PriceChartData[];
  /** Strategy return in percent of the starting cash. */
  equity: ChartPoint[];
  /** Buy-and-hold return in percent of the starting cash. */
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
  /** Markers per price chart before neighbours are merged. */
  maxMarkers: number;
}

/** What the charts draw beside the result and candles. */
export interface ChartContext {
  trades: readonly RoundTrip[];
  budget: ChartBudget;
  /** The strategy's declared indicators (nothing drawn when null). */
  chart: StrategyChart | null;
  instruments?: readonly ReportInstrument[];
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

/** The price series of a ticker or uid, if the report was given it. */
export function seriesFor(candles: CandlesByInstrument, key: string): PriceSeries | undefined {
  return candles instanceof Map
    ? (candles as ReadonlyMap<string, PriceSeries>).get(key)
    : (candles as Readonly<Record<string, PriceSeries>>)[key];
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

/** The uid of the instrument a chart key names (fills carry uids only). */
function uidOf(result: BacktestResult, key: string, ctx: ChartContext): string {
  const spec = findInstrument(ctx.instruments, key);
  if (spec !== undefined) return spec.uid;
  const named = [...result.trades, ...(result.openPositions ?? [])].find(
    (t) => t.instrument === key || t.instrumentUid === key,
  );
  return named?.instrumentUid ?? key;
}

function priceCharts(
  result: BacktestResult,
  candles: CandlesByInstrument,
  ctx: ChartContext,
): PriceChartData[] {
  const series = orderedSeries(result, candles);
  const { budget } = ctx;
  const each = Math.max(2000, Math.floor(budget.maxPriceCandles / Math.max(1, series.length)));
  return series.map(([key, s]) => {
    const d = downsampleCandles(s, each);
    const label =
      d.bucketMs === null
        ? (result.universe.intervals[0] ?? 'as given')
        : `${BUCKET_LABELS[d.bucketMs]} (aggregated)`;
    const precision = pricePrecision(d.candles);
    const ind =
      ctx.chart === null
        ? { overlays: [], panes: [] }
        : indicatorData(ctx.chart, s, d.candles, precision + 2);
    const position = positionSeries(result.fills, uidOf(result, key, ctx), d.candles);
    const lot = findInstrument(ctx.instruments, key)?.lot;
    return {
      instrument: key,
      candleLabel: label,
      precision,
      candles: d.candles,
      markers: tradeMarkers(ctx.trades, key, d.candles, budget.maxMarkers),
      overlays: ind.overlays,
      panes: ind.panes,
      position,
      exposure: lot === undefined ? [] : exposureSeries(position, d.candles, result.equity, lot),
    };
  });
}

/** Equity as a return in percent of the starting cash (NaN when there is no positive start). */
function returnPercent(equity: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(equity.length);
  for (let i = 0; i < equity.length; i++)
    out[i] = start > 0 ? (equity[i] / start - 1) * 100 : Number.NaN;
  return out;
}

/**
 * The chart data of a report. `ctx.trades` are the round trips to mark (the report passes the same
 * subset its trades table shows, so markers and table agree).
 */
export function buildChartData(
  result: BacktestResult,
  candles: CandlesByInstrument,
  ctx: ChartContext,
): PageChartData {
  const { time, equity, benchmark } = result.equity;
  const pct = { maxPoints: ctx.budget.maxLinePoints, digits: 4 };
  const start = result.startingCash;
  return {
    price: priceCharts(result, candles, ctx),
    equity: downsampleLine(time, returnPercent(equity, start), pct),
    benchmark: downsampleLine(time, returnPercent(benchmark, start), pct),
    drawdown: downsampleLine(time, drawdownPercent(equity, result.startingCash), pct),
    benchmarkDrawdown: downsampleLine(time, drawdownPercent(benchmark, result.startingCash), pct),
  };
}
