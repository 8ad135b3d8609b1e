/**
 * @module The checks every new order passes, in the real API's order and with its codes: key,
 * quantity, direction, type, price and tick (both venues); session, price band and maximum amount
 * (production-like venue). Accounts and funds are checked by the venue itself.
 */
import type { Instrument } from '../../core/instrument.ts';
import { isTradingDay, isTradingMinute, dayIndex, SESSIONS } from '../market/schedule.ts';
import { dayStart } from '../../core/time.ts';
import { NANO, onTick, stepNanos, valueOf } from './amounts.ts';
import type { Direction, Host, OrderKind, TimeInForce } from './records.ts';
import { tradingErrors as E } from './trading-errors.ts';

/** A new order as the services hand it to the venue. */
export interface OrderRequest {
  accountId: string;
  /** The client's idempotency key. */
  requestId: string;
  instrumentId: string;
  direction: Direction | undefined;
  type: OrderKind | undefined;
  tif: TimeInForce;
  lots: number;
  /** Limit price per piece, nanos (ignored for market orders). */
  price: bigint | undefined;
}

/** Checks the idempotency key (30027 missing, 30055 longer than 36). */
export function checkKey(key: string): void {
  if (key.trim() === '') throw E.orderIdMissing();
  if (key.length > 36) throw E.orderIdTooLong();
}

/** Checks the parts of a request that need no market: quantity, direction, type, price, tick. */
export function checkShape(req: OrderRequest, inst: Instrument): void {
  if (req.lots === 0) throw E.quantityMissing();
  if (req.lots < 0 || !Number.isSafeInteger(req.lots)) throw E.quantityNotPositive();
  if (!req.direction) throw E.directionMissing();
  if (!req.type) throw E.orderTypeMissing();
  if (req.type !== 'limit') return;
  if (req.price === undefined) throw E.priceMissing();
  if (req.price <= 0n) throw E.priceNotPositive();
  if (!onTick(req.price, stepNanos(inst.minPriceIncrement))) throw E.badTick();
}

/** Refuses orders outside the trading sessions (30092 on weekends, 30098 between sessions). */
export function checkSession(now: number): void {
  if (!isTradingDay(dayIndex(now))) throw E.weekend();
  if (!isTradingMinute(now)) throw E.noTradingNow();
}

/**
 * Refuses a limit price further than `band` (a fraction) from the last price with 30099, and an
 * order worth more than `maxValue` nanos with 30109.
 */
export function checkLimits(
  req: OrderRequest,
  inst: Instrument,
  valuation: bigint,
  limits: { band: number; maxValue: bigint },
): void {
  if (req.type === 'limit' && req.price !== undefined && valuation > 0n) {
    const bandNanos = BigInt(Math.round(limits.band * 1e9));
    const reach = (valuation * bandNanos) / NANO;
    if (req.price > valuation + reach || req.price < valuation - reach) throw E.outsideLimits();
  }
  const price = req.type === 'limit' && req.price !== undefined ? req.price : valuation;
  if (valueOf(price, req.lots, inst.lot) > limits.maxValue) throw E.maxAmountExceeded();
}

const DAY = 86_400_000;
const LAST_SESSION_END = SESSIONS[SESSIONS.length - 1].end * 60_000;

/** End of the last session of the trading day a day order placed at `t` belongs to. */
export function sessionEndAfter(t: number): number {
  let day = dayStart(t);
  for (let i = 0; i < 8; i++, day += DAY) {
    if (isTradingDay(dayIndex(day)) && t < day + LAST_SESSION_END) return day + LAST_SESSION_END;
  }
  return day + LAST_SESSION_END;
}

/** Which venue a call trades on, from the server it came to and the caller's token. */
export function hostOf(serverHost: Host, token: string, sandboxTokens: ReadonlySet<string>): Host {
  return serverHost === 'sandbox' || sandboxTokens.has(token) ? 'sandbox' : 'prod';
}
