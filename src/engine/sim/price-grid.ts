/**
 * @module Snapping prices to an instrument's tick grid in a chosen direction, exact in decimal terms.
 * Slippage is always rounded against the trader: up for buys, down for sells.
 */
import { snapToStep, stepDecimals } from '../../core/instrument.ts';

/** Tolerance in ticks under which a price counts as already on the grid (binary noise). */
const EPS = 1e-7;

/** Smallest grid price >= `price` (the price itself when the step is unknown, i.e. 0). */
export function snapUp(price: number, step: number): number {
  if (!(step > 0)) return price;
  const ticks = Math.ceil(price / step - EPS);
  return Number((ticks * step).toFixed(stepDecimals(step)));
}

/** Largest grid price <= `price` (the price itself when the step is unknown, i.e. 0). */
export function snapDown(price: number, step: number): number {
  if (!(step > 0)) return price;
  const ticks = Math.floor(price / step + EPS);
  return Number((ticks * step).toFixed(stepDecimals(step)));
}

/** Nearest grid price (order prices a strategy passes are snapped this way). */
export function snapNearest(price: number, step: number): number {
  return snapToStep(price, step);
}
