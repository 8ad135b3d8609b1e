/**
 * @module The per-order risk checks, as pure functions of the request and what the guard knows:
 * each returns the refusal reason (naming its guard) or undefined. The order they run in is the
 * GuardedBroker's; values are compared with a relative tolerance of 1e-9 so a price on the tick
 * grid that lands exactly on the limit passes despite binary rounding.
 */
import type { OpenOrder, OrderRequest } from '../../engine/ports/broker.ts';
import type { InstrumentSpec } from './guard-options.ts';
import { normalizeTradingStatus } from './trading-status.ts';

/** The guard a refusal names, first in its reason (`max-order-value: ...`). */
export type GuardName =
  | 'kill-switch'
  | 'max-daily-loss'
  | 'warm-up'
  | 'trading-status'
  | 'max-order-value'
  | 'max-position';

/** A refusal: which guard and why. */
export interface Refusal {
  guard: GuardName;
  reason: string;
}

const over = (x: number, limit: number) => x > limit + 1e-9 * Math.max(1, Math.abs(limit));

/** The price an order is valued at: its limit or stop price, or the last price for a market order. */
export function priceEstimate(r: OrderRequest, last: number | undefined): number | undefined {
  if (r.type === 'limit') return r.limitPrice;
  if (r.type === 'stop') return r.stopPrice;
  return last !== undefined && Number.isFinite(last) && last > 0 ? last : undefined;
}

/** Refuses while the instrument's status is unknown or not in the tradable set. */
export function checkTradingStatus(
  status: string | undefined,
  tradable: ReadonlySet<string>,
): Refusal | undefined {
  if (status === undefined) {
    return { guard: 'trading-status', reason: 'trading status not known yet' };
  }
  const s = normalizeTradingStatus(status);
  if (tradable.has(s)) return undefined;
  return { guard: 'trading-status', reason: `trading status ${s} does not allow orders` };
}

/** Refuses an order whose value exceeds the limit, or that cannot be valued in the account currency. */
export function checkOrderValue(
  r: OrderRequest,
  spec: InstrumentSpec,
  o: { last: number | undefined; limit: number; currency: string },
): Refusal | undefined {
  const guard = 'max-order-value';
  if (spec.currency.toLowerCase() !== o.currency.toLowerCase()) {
    return { guard, reason: `instrument priced in ${spec.currency}, account in ${o.currency}` };
  }
  const price = priceEstimate(r, o.last);
  if (price === undefined) return { guard, reason: 'no last price to value a market order' };
  const value = r.lots * spec.lot * price;
  if (!over(value, o.limit)) return undefined;
  const text = `${r.lots} lots × ${spec.lot} × ${price} = ${round2(value)} > ${o.limit}`;
  return { guard, reason: `order value ${text} ${o.currency}` };
}

/**
 * Refuses an order after which the position could exceed the limit if every open order on the
 * same side filled too.
 */
export function checkPosition(
  r: OrderRequest,
  position: number,
  open: readonly OpenOrder[],
  limit: number,
): Refusal | undefined {
  let pending = 0;
  for (const o of open) if (o.request.side === r.side) pending += o.remainingLots;
  const sign = r.side === 'buy' ? 1 : -1;
  const worst = position + sign * (pending + r.lots);
  if (Math.abs(worst) <= limit) return undefined;
  const parts = `position ${position}, open ${r.side} ${pending}, order ${r.lots}`;
  return {
    guard: 'max-position',
    reason: `${parts}: ${Math.abs(worst)} lots would exceed ${limit}`,
  };
}

function round2(x: number): string {
  return String(Math.round(x * 100) / 100);
}
