/** @module Static checks of an order request before the simulated broker accepts it. */
import type { Instrument } from '../../core/instrument.ts';
import type { OrderRequest } from '../ports/broker.ts';

function positivePrice(x: number | undefined): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

/** Why the request cannot be accepted, or undefined when it can. */
export function validateOrder(r: OrderRequest, inst: Instrument | undefined): string | undefined {
  if (inst === undefined) return `unknown instrument ${r.instrumentUid}`;
  if (r.side !== 'buy' && r.side !== 'sell') return `side must be buy or sell, was ${r.side}`;
  if (!Number.isInteger(r.lots) || r.lots <= 0) {
    return `lots must be a whole number > 0, was ${r.lots}`;
  }
  if (r.type === 'limit' && !positivePrice(r.limitPrice)) {
    return `limit order needs a positive limitPrice, was ${r.limitPrice}`;
  }
  if (r.type === 'stop' && !positivePrice(r.stopPrice)) {
    return `stop order needs a positive stopPrice, was ${r.stopPrice}`;
  }
  if (r.type !== 'market' && r.type !== 'limit' && r.type !== 'stop') {
    return `order type must be market, limit or stop, was ${r.type}`;
  }
  const tif = r.timeInForce;
  if (tif !== undefined && tif !== 'day' && tif !== 'gtc') {
    return `timeInForce must be day or gtc, was ${tif}`;
  }
  return undefined;
}
