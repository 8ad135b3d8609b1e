/**
 * @module Price adjustment of a continuous series at its rolls, so the roll gap between two contracts
 * is not read as a move of the market.
 * - `none`: the contracts' own prices, spliced (the gap stays in the series).
 * - `back`: every candle before a roll is shifted by that roll's gap (toPrice - fromPrice), summed
 *   over the later rolls; the newest contract keeps its own prices. Exact: the sums are done in
 *   whole units of the finest price decimal, so prices stay on the contracts' tick grid.
 * - `ratio`: every candle before a roll is multiplied by toPrice / fromPrice of each later roll
 *   (returns are kept; prices leave the tick grid and are rounded to 8 decimals).
 */
import type { Candle } from '../../core/candle.ts';
import { stepDecimals } from '../../core/instrument.ts';
import type { RollPoint } from './roll-plan.ts';

/** How a continuous series is adjusted. */
export type Adjustment = 'back' | 'ratio' | 'none';

/** Every adjustment, default first. */
export const ADJUSTMENTS: readonly Adjustment[] = ['back', 'ratio', 'none'];

const PRICES = ['open', 'high', 'low', 'close'] as const;

/**
 * The adjustment of each segment k (0 = oldest): an offset for `back` and a factor for `ratio`
 * (offset 0, factor 1 for the newest and for `none`).
 */
export function segmentAdjustments(rolls: readonly RollPoint[], how: Adjustment, decimals: number): { offset: number; factor: number }[] {
  const scale = 10 ** decimals;
  const out = Array.from({ length: rolls.length + 1 }, () => ({ offset: 0, factor: 1 }));
  let units = 0;
  let factor = 1;
  for (let k = rolls.length - 1; k >= 0; k--) {
    const r = rolls[k];
    if (how === 'back') units += Math.round(r.toPrice * scale) - Math.round(r.fromPrice * scale);
    if (how === 'ratio') factor *= r.toPrice / r.fromPrice;
    out[k] = { offset: units / scale, factor };
  }
  return out;
}

/** A candle with an offset added (exactly, at `decimals`) or a factor applied to its prices. */
export function adjustCandle(c: Candle, adj: { offset: number; factor: number }, how: Adjustment, decimals: number): Candle {
  if (how === 'none' || (adj.offset === 0 && adj.factor === 1)) return { ...c };
  const out = { ...c };
  const scale = 10 ** decimals;
  for (const k of PRICES) {
    out[k] =
      how === 'back'
        ? (Math.round(c[k] * scale) + Math.round(adj.offset * scale)) / scale
        : Number((c[k] * adj.factor).toFixed(8));
  }
  return out;
}

/** Decimals that hold every price step of the contracts (and at least those of the roll prices). */
export function priceDecimals(steps: readonly number[], rolls: readonly RollPoint[]): number {
  const fromSteps = steps.filter((s) => s > 0).map(stepDecimals);
  const fromRolls = rolls.flatMap((r) => [r.fromPrice, r.toPrice]).map(stepDecimals);
  return Math.max(0, ...fromSteps, ...fromRolls);
}
