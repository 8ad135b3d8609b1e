/**
 * @module Slippage models: how much worse than the reference price (the open, or the stop price) a
 * market-type execution gets. `none`; `ticks` (a fixed number of price steps); `percent` (a fraction
 * of the price, snapped to the grid against the trader). Limit fills never slip.
 */
import { UsageError } from '../../core/errors.ts';
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
      if (!Number.isInteger(n) || n < 0) throw badSlippage(`ticks:${n}`);
      return (price, side, tick) =>
        side === 'buy' ? snapUp(price + n * tick, tick) : snapDown(price - n * tick, tick);
    }
    case 'percent': {
      const r = spec.rate;
      if (!Number.isFinite(r) || r < 0 || r >= 0.5) throw badSlippage(`percent:${r}`);
      return (price, side, tick) =>
        side === 'buy' ? snapUp(price * (1 + r), tick) : snapDown(price * (1 - r), tick);
    }
  }
}

/** Parses a CLI `--slippage` value: `none`, `ticks:N` (or `Nt`), `percent:F` (or `F%` in percent). */
export function parseSlippage(text: string): SlippageSpec {
  const t = text.trim();
  if (t === 'none' || t === '0') return { kind: 'none' };
  let m = /^(?:ticks:(\d+)|(\d+)t)$/.exec(t);
  if (m) return checked({ kind: 'ticks', ticks: Number(m[1] ?? m[2]) }, t);
  m = /^percent:([0-9.eE-]+)$/.exec(t);
  if (m) return checked({ kind: 'percent', rate: Number(m[1]) }, t);
  m = /^([0-9.]+)%$/.exec(t);
  if (m) return checked({ kind: 'percent', rate: Number(m[1]) / 100 }, t);
  throw badSlippage(t);
}

function checked(spec: SlippageSpec, text: string): SlippageSpec {
  try {
    createSlipper(spec);
  } catch {
    throw badSlippage(text);
  }
  return spec;
}

function badSlippage(text: string): UsageError {
  return new UsageError(
    `slippage '${text}' is not understood`,
    'use none, ticks:N (N price steps), percent:F (a fraction, e.g. percent:0.0005) or F% (e.g. 0.05%)',
  );
}
