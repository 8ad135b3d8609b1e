/**
 * @module Slippage models: how much worse than the reference price (the open, or the stop price) a
 * market-type execution gets. `none`; `ticks` (a fixed number of price steps); `percent` (a fraction
 * of the price, snapped to the grid against the trader). Limit fills never slip.
 */
import { ModelSpecError } from '../errors.ts';
import type { OrderSide } from '../ports/broker.ts';
import { snapDown, snapUp } from './price-grid.ts';

/** Slippage as plain data (it goes into the run fingerprint). */
export type SlippageSpec =
  { kind: 'none' } | { kind: 'ticks'; ticks: number } | { kind: 'percent'; rate: number };

/** Adjusts a reference price against the trader and snaps it to the tick grid. */
export type Slipper = (price: number, side: OrderSide, tick: number) => number;

/** A slippage model as an instance: its description (for the fingerprint) and its function. */
export interface SlippageModel {
  readonly spec: SlippageSpec | Record<string, unknown>;
  readonly slip: Slipper;
}

/** A slippage model from a spec, or the instance itself. */
export function slippageModel(s: SlippageSpec | SlippageModel | undefined): SlippageModel {
  if (s !== undefined && 'slip' in s) return s;
  const spec = s ?? { kind: 'none' };
  return { spec, slip: createSlipper(spec) };
}

/** Builds the slippage function for a spec (default: none). */
export function createSlipper(spec: SlippageSpec = { kind: 'none' }): Slipper {
  switch (spec.kind) {
    case 'none':
      return (price) => price;
    case 'ticks': {
      const n = spec.ticks;
      if (!Number.isInteger(n) || n < 0)
        throw new ModelSpecError('slippage', 'ticks', n, 'a whole number of price steps ≥ 0');
      return (price, side, tick) =>
        side === 'buy' ? snapUp(price + n * tick, tick) : snapDown(price - n * tick, tick);
    }
    case 'percent': {
      const r = spec.rate;
      if (!Number.isFinite(r) || r < 0 || r >= 0.5)
        throw new ModelSpecError('slippage', 'rate', r, 'a fraction in [0, 0.5)');
      return (price, side, tick) =>
        side === 'buy' ? snapUp(price * (1 + r), tick) : snapDown(price * (1 - r), tick);
    }
  }
}

/**
 * Checks a spec; returns it unchanged.
 * @throws ModelSpecError naming the field and its value.
 */
export function checkSlippageSpec(spec: SlippageSpec): SlippageSpec {
  createSlipper(spec);
  return spec;
}
