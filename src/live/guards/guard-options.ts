/**
 * @module What a GuardedBroker is told: the limits (numbers a config file or the CLI sets) and the
 * sources it reads the world from (clock, instrument specs, prices, positions, equity, trading
 * status, kill switch). Every limit is optional so a backtest-like paper run can go without, and
 * `missingGuards` names the ones a real-money run requires and does not have.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { LiveEventSink } from '../observability/live-event.ts';
import type { KillSwitch } from './kill-switch.ts';

/** What the guards need to know of an instrument: its lot size and price currency. */
export type InstrumentSpec = Pick<Instrument, 'uid' | 'lot' | 'currency'>;

/** The limits; each one left out is a guard not enforced. */
export interface GuardLimits {
  /** Largest order value (lots × lot × price estimate) in the account currency; equal passes. */
  maxOrderValue?: number;
  /**
   * Largest absolute position per instrument in lots, counted worst-case: the position now, plus
   * every open order on the same side, plus this order; equal passes.
   */
  maxPositionLots?: number;
  /** Largest loss in one trading day in the account currency; reaching it trips the guard. */
  maxDailyLoss?: number;
  /** When the daily loss trips, also close every position with market orders. */
  flattenOnDailyLoss?: boolean;
  /** Trading days start this long after UTC midnight (default 0: the UTC day). */
  dayStartOffsetMs?: number;
  /** Statuses that allow orders (default DEFAULT_TRADABLE_STATUSES). */
  tradableStatuses?: readonly string[];
  /** No orders before this time (epoch ms): earlier candles only warm up indicators. */
  tradeFrom?: number;
  /** Currency order values and losses are counted in (default `rub`). */
  accountCurrency?: string;
}

/** Where the guards read the world from. */
export interface GuardSources {
  /** The run's clock: event times, the trading day, the warm-up bound. */
  clock: Clock;
  /** Lot size and currency per instrument uid. */
  instruments: readonly InstrumentSpec[] | ((uid: string) => InstrumentSpec | undefined);
  /** Price estimate for market orders (default: the last close the broker was shown). */
  lastPrice?: (uid: string) => number | undefined;
  /** Signed lots held now (default: counted from the executions passing through the guard). */
  position?: (uid: string) => number;
  /** Account equity now in the account currency; the daily-loss guard needs it. */
  equity?: () => number;
  /**
   * Equity the trading day `day` (days since the epoch, shifted by `dayStartOffsetMs`) started
   * from, when known (a restarted run's journal); default: equity at the guard's first look.
   */
  dayStartEquity?: (day: number) => number | undefined;
  /** The instrument's trading status as the client spells it; undefined when not known yet. */
  tradingStatus?: (uid: string) => string | undefined;
  /** Engaging it stops new orders and cancels open ones. */
  killSwitch?: KillSwitch;
  /** Receives `guard-trip` events (and the kill switch's own `kill`). */
  onEvent?: LiveEventSink;
}

/** Everything a GuardedBroker is built with. */
export type GuardedBrokerOptions = GuardLimits & GuardSources;

/** Names of the guards a real-money run requires, as `missingGuards` reports them. */
export type RequiredGuard =
  | 'max-order-value'
  | 'max-position'
  | 'max-daily-loss'
  | 'equity-source'
  | 'trading-status'
  | 'kill-switch';

/** The required guards `o` leaves unset (empty when armed). */
export function missingGuards(o: GuardedBrokerOptions): RequiredGuard[] {
  const out: RequiredGuard[] = [];
  if (!((o.maxOrderValue ?? 0) > 0)) out.push('max-order-value');
  if (!((o.maxPositionLots ?? 0) > 0)) out.push('max-position');
  if (!((o.maxDailyLoss ?? 0) > 0)) out.push('max-daily-loss');
  if (o.maxDailyLoss !== undefined && o.equity === undefined) out.push('equity-source');
  if (o.tradingStatus === undefined) out.push('trading-status');
  if (o.killSwitch === undefined) out.push('kill-switch');
  return out;
}
