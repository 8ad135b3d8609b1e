/**
 * @module DataFrame bridges for notebooks and scripts: cached candles and backtest results as
 * danfojs DataFrames. danfojs-node loads on the first call (see dataframes-load.ts), never on
 * import of the public API, and values are copied as they are (no rounding, no conversion).
 */
import type { CandleStore } from '../data/store.ts';
import { openStore } from '../data/store.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import type { BacktestResult, Metrics } from '../engine/result.ts';
import { frameOf, type DataFrame } from './dataframes-load.ts';

export { loadDanfo, type DataFrame, type Danfo } from './dataframes-load.ts';

/** What {@link candlesFrame} reads: a cache (open store or file path), a series and a range. */
export interface CandlesFrameOptions {
  /** An open cache, or the path of a cache file (opened read-only for this call). */
  store: CandleStore | string;
  /** Ticker, `TICKER@CLASS`, FIGI or uid, as `findInstrument` accepts. */
  instrument: string;
  interval: Interval;
  /** Open times in [from, to), epoch ms UTC. */
  range: TimeRange;
}

/**
 * Candles of one cached series as a DataFrame with columns time (open time, epoch ms UTC), open,
 * high, low, close, volume (lots), oldest first.
 * @throws NotFoundError when the cache file or the instrument is absent.
 */
export async function candlesFrame(options: CandlesFrameOptions): Promise<DataFrame> {
  const own = typeof options.store === 'string';
  const store =
    typeof options.store === 'string'
      ? openStore(options.store, { mustExist: true })
      : options.store;
  try {
    const instrument = store.findInstrument(options.instrument);
    if (!instrument)
      throw new NotFoundError(
        `instrument ${options.instrument} is not in the cache ${store.file}`,
        'download it first (tlab download) or check the ticker',
      );
    const { from, to } = options.range;
    const candles = store.readCandles(instrument.uid, options.interval, from, to);
    return await frameOf({
      time: candles.map((c) => c.time),
      open: candles.map((c) => c.open),
      high: candles.map((c) => c.high),
      low: candles.map((c) => c.low),
      close: candles.map((c) => c.close),
      volume: candles.map((c) => c.volume),
    });
  } finally {
    if (own) store.close();
  }
}

/** A backtest result as DataFrames. */
export interface ResultFrames {
  /** time, equity, benchmark: equity marked at every candle close. */
  equity: DataFrame;
  /** One row per round trip, with the fields of RoundTrip. */
  trades: DataFrame;
  /** One row per execution, with the fields of FillRecord. */
  fills: DataFrame;
  /** metric, strategy, benchmark: one row per metric key (null where undefined). */
  metrics: DataFrame;
}

const TRADE_COLUMNS = [
  'instrument',
  'instrumentUid',
  'side',
  'lots',
  'entryTime',
  'entryPrice',
  'exitTime',
  'exitPrice',
  'pnl',
  'commission',
] as const;

const FILL_COLUMNS = [
  'orderId',
  'instrumentUid',
  'side',
  'lots',
  'price',
  'time',
  'commission',
] as const;

function rows<T extends object>(list: readonly T[], keys: readonly (keyof T & string)[]) {
  const out: Record<string, unknown[]> = {};
  for (const k of keys) out[k] = list.map((r) => r[k]);
  return out;
}

/** Every part of a backtest result (equity, trades, fills, metrics) as DataFrames. */
export async function resultFrames(result: BacktestResult): Promise<ResultFrames> {
  const keys = Object.keys(result.metrics) as (keyof Metrics)[];
  const [equity, trades, fills, metrics] = await Promise.all([
    frameOf({
      time: result.equity.time,
      equity: result.equity.equity,
      benchmark: result.equity.benchmark,
    }),
    frameOf(rows(result.trades, TRADE_COLUMNS)),
    frameOf(rows(result.fills, FILL_COLUMNS)),
    frameOf({
      metric: keys,
      strategy: keys.map((k) => result.metrics[k]),
      benchmark: keys.map((k) => result.benchmark[k] ?? null),
    }),
  ]);
  return { equity, trades, fills, metrics };
}
