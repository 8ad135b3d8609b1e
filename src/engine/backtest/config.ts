/**
 * @module The configuration of a backtest and its validation. Everything a run depends on is here:
 * plain data, or instances where a caller brings its own (the strategy, the feed, and the fill, fee
 * and slippage models, each as a name/spec or as an object); bad values are UsageErrors that name
 * the field and the fix.
 */
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { AccountView, Broker } from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { MarketDataFeed, SeriesKey } from '../ports/market-data-feed.ts';
import type { FeeModel, FeePreset, FeeSpec } from '../sim/fee-model.ts';
import { FILL_MODELS, type FillModel, type FillModelName } from '../sim/fill-model.ts';
import type { RollSchedule } from '../sim/roll-broker.ts';
import type { SessionGate } from '../sim/session-gate.ts';
import type { SlippageModel, SlippageSpec } from '../sim/slippage-model.ts';
import type { Strategy } from '../strategy.ts';
import type { EconomicsInput } from '../economics/economics-input.ts';
import { runCurrencies } from '../economics/build-economics.ts';

/** Default starting cash, in the instruments' currency. */
export const DEFAULT_CASH = 1_000_000;
/** Default number of candles each series' rolling history keeps. */
export const DEFAULT_HISTORY = 500;

/** Everything `runBacktest` needs. */
export interface BacktestConfig {
  /** The strategy instance (a fresh one per run: strategies keep state). */
  strategy: Strategy;
  /** Name recorded in the fingerprint (e.g. the registry name `sma-cross`). */
  strategyName: string;
  /** Source text of the strategy, hashed into the fingerprint (default ''). */
  strategySource?: string;
  /** Parameters the strategy was built with, recorded in the result and fingerprint. */
  params?: Record<string, unknown>;
  /**
   * Instruments of the run; the first is the default one for `ctx` helpers. Several currencies need
   * the currency instruments that price them in the base currency (see `economics`).
   */
  instruments: readonly Instrument[];
  /** Series to replay; default: every instrument at `interval`. */
  subscriptions?: readonly SeriesKey[];
  /** Interval used when `subscriptions` is not given. */
  interval?: Interval;
  /** Candles whose open time lies in [from, to). */
  range: TimeRange;
  feed: MarketDataFeed;
  /** Default 1,000,000. */
  startingCash?: number;
  /**
   * Default: the sandbox rate, 0.05% of traded value. A FeeModel instance is indexed by the
   * instrument's slot (its position in `instruments`): build one with `createFeeModel(spec,
   * instruments)` or write your own.
   */
  fees?: FeeSpec | FeePreset | FeeModel;
  /** Default: none. The fill model decides which executions slip (`next-bar`: market and stop). */
  slippage?: SlippageSpec | SlippageModel;
  /** Default: `next-bar`; or your own FillModel instance. */
  fillModel?: FillModelName | FillModel;
  /** Allow short positions in instruments that are short-enabled (default false). */
  allowShort?: boolean;
  /** Candles kept per series for `ctx.history` (default 500). */
  historyLength?: number;
  /** Keep the equity curve in the result (default true; metrics do not need it). */
  recordEquity?: boolean;
  /**
   * A broker at a venue in place of the simulated one (sandbox and live runs over a live feed): the
   * fill, fee and slippage models are then unused and the result's models name the venue instead.
   */
  venueBroker?: VenueBroker;
  /**
   * The clock the kernel runs on, starting at or before `range.from` (default: a replay clock at
   * `range.from`, moved to each event's time). A live run passes one that also moves by itself
   * (`sleepUntil`), so timers fire when their time comes instead of at the next candle.
   */
  clock?: Clock;
  /**
   * Wraps the simulated broker before the kernel sees it, e.g. to record every decision or to
   * refuse orders during a warm-up (research checks use it). Results change only as the wrapper
   * makes them change.
   */
  wrapBroker?: (broker: Broker, clock: Clock, account: AccountView) => Broker;
  /**
   * Dividends, coupons, the dividend tax and the base currency (src/engine/economics). Futures,
   * bond and currency specs come with the instruments. A run of shares in one currency with no
   * dividend in its range is unaffected.
   */
  economics?: EconomicsInput;
  /**
   * The simulated broker fills no order in a candle this gate says is outside the instrument's
   * sessions (default: none, every candle can fill).
   */
  sessionGate?: SessionGate;
  /**
   * Rolls of continuous futures instruments (by uid): at each, the simulated broker closes and
   * reopens an open position at the roll candle's open, paying the fees (see sim/roll-broker.ts).
   */
  rolls?: RollSchedule;
}

/** A validated config with defaults filled in. */
/** A broker at a venue, built once the kernel's account exists. */
export interface VenueBroker {
  /** What the result records as the execution model, e.g. `sandbox @ sandbox-invest-public-api…`. */
  label: string;
  create(account: AccountView, clock: Clock): Broker;
}

export interface ResolvedConfig {
  subscriptions: SeriesKey[];
  startingCash: number;
  /** The fill model's name (an instance's own `name`). */
  fillModel: string;
  allowShort: boolean;
  historyLength: number;
  recordEquity: boolean;
  currency: string;
}

function bad(message: string, hint: string): UsageError {
  return new UsageError(message, hint);
}

/** Validates a config and fills in its defaults. */
export function resolveConfig(c: BacktestConfig): ResolvedConfig {
  if (c.instruments.length === 0) throw bad('no instruments to backtest', 'pass at least one');
  const uids = new Set(c.instruments.map((i) => i.uid));
  if (uids.size !== c.instruments.length)
    throw bad('an instrument is listed twice', 'list each once');
  const currencies = [...new Set(c.instruments.map((i) => i.currency))];
  if (currencies.length > 1 && !c.instruments.some((i) => i.currencyPair !== undefined)) {
    throw bad(
      `instruments trade in several currencies (${currencies.join(', ')})`,
      'add the currency instrument that prices them in roubles (e.g. USD000UTSTOM), or backtest instruments of one currency together',
    );
  }
  if (!(c.range.from < c.range.to)) throw bad('the range is empty', 'make from earlier than to');
  const subs = c.subscriptions ?? subscriptionsFor(c);
  if (subs.length === 0) throw bad('no series subscribed', 'subscribe at least one series');
  const seen = new Set<string>();
  for (const s of subs) {
    if (!uids.has(s.instrumentUid)) {
      throw bad(`subscription to unknown instrument ${s.instrumentUid}`, 'add it to instruments');
    }
    const key = `${s.instrumentUid}|${s.interval}`;
    if (seen.has(key)) throw bad(`series ${key} is subscribed twice`, 'subscribe each once');
    seen.add(key);
  }
  const cash = c.startingCash ?? DEFAULT_CASH;
  if (!(Number.isFinite(cash) && cash > 0)) {
    throw bad(`starting cash ${cash} is not a positive number`, 'pass e.g. 1000000');
  }
  const fm = c.fillModel ?? 'next-bar';
  const fillModel = typeof fm === 'string' ? fm : fm.name;
  if (typeof fm === 'string' && !FILL_MODELS.includes(fm)) {
    throw bad(`unknown fill model '${fm}'`, `use one of: ${FILL_MODELS.join(', ')}`);
  }
  const historyLength = c.historyLength ?? DEFAULT_HISTORY;
  if (!Number.isInteger(historyLength) || historyLength < 1) {
    throw bad(`historyLength ${historyLength} is not a whole number >= 1`, 'pass e.g. 500');
  }
  return {
    subscriptions: subs.map((s) => ({ instrumentUid: s.instrumentUid, interval: s.interval })),
    startingCash: cash,
    fillModel,
    allowShort: c.allowShort ?? false,
    historyLength,
    recordEquity: c.recordEquity ?? true,
    currency: runCurrencies(c.instruments, c.economics?.baseCurrency)[0],
  };
}

function subscriptionsFor(c: BacktestConfig): SeriesKey[] {
  if (c.interval === undefined) {
    throw bad('neither subscriptions nor interval given', 'pass an interval such as 1h');
  }
  const interval = c.interval;
  return c.instruments.map((i) => ({ instrumentUid: i.uid, interval }));
}

/** Sort key of an interval for tie-breaks and "finest interval": the one rule in core. */
export { intervalRank } from '../../core/interval.ts';
