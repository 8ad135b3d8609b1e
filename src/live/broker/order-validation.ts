/**
 * @module What the broker refuses before anything is sent: malformed lots or prices, a price off
 * the instrument's tick grid, an instrument the broker was not given. Each refusal is a port RejectCode with a one-line reason.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { OrderRequest, RejectCode } from '../../engine/ports/broker.ts';
import { numberToNanos } from '../../wire/convert/nanos.ts';

/** Why a request is refused on the spot. */
export interface Refusal {
  code: RejectCode;
  reason: string;
}

function onGrid(price: number, step: number): boolean {
  if (!(step > 0)) return true;
  return numberToNanos(price) % numberToNanos(step) === 0n;
}

/** The refusal of `r`, or undefined when it may be sent. */
export function refusalOf(r: OrderRequest, inst: Instrument | undefined): Refusal | undefined {
  if (!Number.isInteger(r.lots) || r.lots <= 0) {
    return { code: 'invalid-order', reason: `lots must be a whole number > 0, got ${r.lots}` };
  }
  if (r.side !== 'buy' && r.side !== 'sell') {
    return { code: 'invalid-order', reason: `side must be buy or sell, got ${String(r.side)}` };
  }
  if (r.type !== 'market' && r.type !== 'limit' && r.type !== 'stop') {
    return { code: 'invalid-order', reason: `unknown order type ${String(r.type)}` };
  }
  if (r.type === 'limit') {
    const p = r.limitPrice;
    if (p === undefined || !Number.isFinite(p) || p <= 0) {
      return { code: 'invalid-order', reason: 'a limit order needs a limitPrice > 0' };
    }
  }
  if (r.type === 'stop') {
    const p = r.stopPrice;
    if (p === undefined || !Number.isFinite(p) || p <= 0) {
      return { code: 'invalid-order', reason: 'a stop order needs a stopPrice > 0' };
    }
  }
  if (!inst) {
    return {
      code: 'unknown-instrument',
      reason: `instrument ${r.instrumentUid} is not among the broker's instruments`,
    };
  }
  const price = r.type === 'limit' ? r.limitPrice : r.type === 'stop' ? r.stopPrice : undefined;
  if (price !== undefined && !onGrid(price, inst.minPriceIncrement)) {
    return {
      code: 'invalid-order',
      reason: `${r.type} price ${price} is not a multiple of the price step ${inst.minPriceIncrement}`,
    };
  }
  return undefined;
}

/**
 * How the venue will hold `r`, when it differs from what was asked: the contract (v1.43) has no
 * good-till-cancelled exchange order (TimeInForceType: DAY, FILL_AND_KILL, FILL_OR_KILL), so a `gtc`
 * limit order goes as DAY and ends with the session; stop orders do have GOOD_TILL_CANCEL.
 */
export function venueTimeInForce(r: OrderRequest): { venueTimeInForce?: 'day'; note?: string } {
  if (r.type !== 'limit' || r.timeInForce !== 'gtc') return {};
  return {
    venueTimeInForce: 'day',
    note: 'the T-Invest API has no good-till-cancelled limit orders: sent as DAY, it ends with the session',
  };
}
