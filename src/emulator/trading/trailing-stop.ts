/**
 * @module Trailing take-profit (TAKE_PROFIT_TYPE_TRAILING): the stop price is the activation price.
 * Once a trade reaches it (at or above for a sell, at or below for a buy) the stop is activated and
 * follows the extremum of the trades since (the highest for a sell, the lowest for a buy); a trade
 * that falls back from the extremum by the indent (absolute, or a percentage of the extremum)
 * triggers it. The exchange order it places is a limit order the protective spread beyond that
 * trade's price (lower for a sell, higher for a buy; absolute or a percentage of the trade price;
 * rounded outward to the tick), or a market order when the spread is zero. Every comparison is
 * exact in nanos: a percentage is never rounded before it is compared.
 */
import type { Direction } from './records.ts';

const NANO = 1_000_000_000n;
/** 100% in nanos of a percent. */
const HUNDRED = 100n * NANO;

/** The trailing parameters and state of one stop order (persisted with it). */
export interface TrailingRec {
  /** Nanos of price (absolute) or nanos of a percent (relative: 1.5% = 1.5e9). */
  indent: bigint;
  indentRelative: boolean;
  spread: bigint;
  spreadRelative: boolean;
  /** The activation price was reached. */
  activated: boolean;
  /** Extremum of the trades since activation (null before). */
  extr: bigint | null;
}

/** `value` of a price: itself, or `pct` percent of `base`, rounded toward zero to the nano. */
function amount(value: bigint, relative: boolean, base: bigint): bigint {
  return relative ? (base * value) / HUNDRED : value;
}

/** True when a trade at `price` falls back from `extr` by the indent or more. */
function fellBack(t: TrailingRec, dir: Direction, extr: bigint, price: bigint): boolean {
  if (!t.indentRelative)
    return dir === 'sell' ? price <= extr - t.indent : price >= extr + t.indent;
  // price <= extr·(1 - p/100) ⇔ price·100 <= extr·(100 - p), in nanos of a percent.
  return dir === 'sell'
    ? price * HUNDRED <= extr * (HUNDRED - t.indent)
    : price * HUNDRED >= extr * (HUNDRED + t.indent);
}

/**
 * Feeds one trade at `price` to a trailing stop with activation price `stop`; updates its state
 * and returns true when this trade triggers it.
 */
export function trailingTrade(
  t: TrailingRec,
  dir: Direction,
  stop: bigint,
  price: bigint,
): boolean {
  if (!t.activated) {
    if (dir === 'sell' ? price < stop : price > stop) return false;
    t.activated = true;
    t.extr = price;
    return false;
  }
  const extr = t.extr ?? price;
  if (fellBack(t, dir, extr, price)) return true;
  t.extr = dir === 'sell' ? (price > extr ? price : extr) : price < extr ? price : extr;
  return false;
}

/** The price a trade must reach to trigger the stop now (null before activation). */
export function trailingLevel(t: TrailingRec, dir: Direction): bigint | null {
  if (!t.activated || t.extr === null) return null;
  const d = amount(t.indent, t.indentRelative, t.extr);
  return dir === 'sell' ? t.extr - d : t.extr + d;
}

/**
 * The limit price of the exchange order a trigger at `price` places, on the tick grid `step`
 * (null: a market order).
 */
export function trailingOrderPrice(
  t: TrailingRec,
  dir: Direction,
  price: bigint,
  step: bigint,
): bigint | null {
  if (t.spread === 0n) return null;
  const d = amount(t.spread, t.spreadRelative, price);
  if (dir === 'sell') {
    const p = price - d;
    const down = p - (((p % step) + step) % step);
    return down > 0n ? down : step;
  }
  const p = price + d;
  const r = ((p % step) + step) % step;
  return r === 0n ? p : p + (step - r);
}
