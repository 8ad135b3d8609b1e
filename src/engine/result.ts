/**
 * @module The shape of a finished backtest: what `tlab backtest --json` prints, what `--out` writes,
 * and what the report renders. Pure data; JSON-safe except the typed-array equity curve.
 */
import type { RejectCode } from './ports/broker.ts';

/** A metric that can be undefined (no trades, zero deviation) is null, never NaN or Infinity. */
export type MetricValue = number | null;

/** The metric keys DESIGN.md defines; returns and drawdown are fractions, durations are ms. */
export interface Metrics {
  totalReturn: MetricValue;
  cagr: MetricValue;
  volatility: MetricValue;
  sharpe: MetricValue;
  sortino: MetricValue;
  calmar: MetricValue;
  maxDrawdown: MetricValue;
  /** Longest time from a peak to its recovery (or to the end), in ms. */
  maxDrawdownDuration: MetricValue;
  trades: number;
  winRate: MetricValue;
  profitFactor: MetricValue;
  expectancy: MetricValue;
  averageWin: MetricValue;
  averageLoss: MetricValue;
  exposure: MetricValue;
  turnover: MetricValue;
  commission: number;
  finalEquity: number;
}

/** One round trip: from entry to flat, in one instrument. */
export interface RoundTrip {
  /** Ticker of the instrument. */
  instrument: string;
  instrumentUid: string;
  side: 'long' | 'short';
  lots: number;
  entryTime: number;
  /** Average entry price per unit. */
  entryPrice: number;
  exitTime: number;
  /** Average exit price per unit. */
  exitPrice: number;
  /** Net P&L after commissions of entry and exit. */
  pnl: number;
  commission: number;
}

/** One execution reported by a broker. */
export interface FillRecord {
  orderId: string;
  instrumentUid: string;
  side: 'buy' | 'sell';
  lots: number;
  price: number;
  time: number;
  commission: number;
}

/** Everything that determines a run; equal fingerprints must give byte-identical results. */
export interface RunFingerprint {
  strategy: string;
  /** sha256 of the strategy's source. */
  strategySourceHash: string;
  params: Record<string, unknown>;
  /** sha256 over the data the run read (series, ranges, candle content). */
  dataHash: string;
  models: Record<string, unknown>;
  engineVersion: string;
  /** sha256 of the trade list the run produced. */
  tradesHash: string;
}

/** Equity marked at every candle close, keyed by that candle's open time. */
export interface EquityCurve {
  time: Float64Array;
  equity: Float64Array;
  /** Buy-and-hold equity of the same instrument(s) at the same instants. */
  benchmark: Float64Array;
}

/** A position still open when the run ended (not a round trip; its value is in final equity). */
export interface OpenPositionRecord {
  instrument: string;
  instrumentUid: string;
  /** Signed lots (negative = short). */
  lots: number;
  averagePrice: number;
  /** Last close the position was marked at. */
  lastPrice: number;
  unrealizedPnl: number;
}

export type { RejectCode } from './ports/broker.ts';

/** Rejected orders of a run, in total and by reason. */
export interface RejectionSummary {
  total: number;
  byReason: Partial<Record<RejectCode, number>>;
}

/** Where one series' candles came from (source labels as in core/data-source.ts). */
export interface SeriesSource {
  instrument: string;
  instrumentUid: string;
  interval: string;
  /** Distinct source labels of the candles the run read, oldest first; [] when the feed cannot tell. */
  sources: string[];
}

/** A finished backtest. */
export interface BacktestResult {
  fingerprint: RunFingerprint;
  params: Record<string, unknown>;
  /** Instruments (tickers) and interval(s) the run traded, with its range. */
  universe: { instruments: string[]; intervals: string[]; from: number; to: number };
  startingCash: number;
  metrics: Metrics;
  benchmark: Metrics;
  trades: RoundTrip[];
  fills: FillRecord[];
  equity: EquityCurve;
  /** Account currency (the instruments' currency, e.g. `rub`). */
  currency?: string;
  /** Positions open at the end, marked at their last close. */
  openPositions?: OpenPositionRecord[];
  /** Orders the broker rejected (cash, short rules, invalid requests). */
  rejectedOrders?: number;
  /** The same rejections by reason code. */
  rejections?: RejectionSummary;
  /** Where every series' candles came from. */
  dataSources?: SeriesSource[];
  /**
   * Instrument economics (futures, bonds, currencies, dividends, coupons), present only when the
   * run had any; the benchmark is then total return (income credited as cash).
   */
  economics?: EconomicsSummary;
}

/** Income and cash of one instrument in a run with economics, in its currency. */
export interface InstrumentIncome {
  instrument: string;
  instrumentUid: string;
  /** How it was accounted: `plain` (share, ETF), `futures`, `bond` or `currency`. */
  kind: string;
  currency: string;
  /** Dividends before tax: received on longs (> 0), paid on shorts (< 0). */
  dividends: number;
  /** Tax withheld from the dividends of long positions. */
  dividendTax: number;
  coupons: number;
  /** Accrued interest received on sales minus paid on buys. */
  accruedInterest: number;
  /** Variation margin credited (clearings and closes). */
  variationMargin: number;
}

/** The economics of a run: its currencies, what is still blocked, and every instrument's income. */
export interface EconomicsSummary {
  /** Currency of equity and metrics. */
  baseCurrency: string;
  /** The benchmark includes dividends (net of the tax) and coupons as cash. */
  benchmark: 'total-return';
  dividendTax: number;
  /** Cash per currency at the end (a currency held as an instrument's position is not in it). */
  cash: Record<string, number>;
  /** Initial margin (GO) of the futures positions still open, in the base currency. */
  marginBlocked: number;
  /** Futures whose spec had no GO read: their orders were not checked against margin. */
  marginUnknown: string[];
  instruments: InstrumentIncome[];
}
