/**
 * @module Commission models. Every fee is a fraction of traded value (price × lots × lot), rounded to
 * kopecks half away from zero; presets name the T-Invest tariffs, and single instruments can carry
 * their own rate. The spec is plain data so it goes into the run fingerprint as it is. The rounding
 * is exact: the value is read back as the decimal it is on the instrument's price grid and the rate
 * as its decimal (0.0005 = 5 / 10^4), and kopecks = round(value · rate · 100) in integers, so a fee
 * of exactly half a kopeck always rounds up. A value or rate off every decimal grid falls back to
 * rounding the float product (see portfolio/money.ts).
 */
import { stepDecimals, type Instrument } from '../../core/instrument.ts';
import { ModelSpecError } from '../errors.ts';
import { decimalsOf, GRID_LIMIT, MAX_DECIMALS, POW10, scaledAt } from '../exact/decimal-grid.ts';
import { roundDiv, roundDivBig } from '../exact/round-div.ts';
import { roundMoney } from '../portfolio/money.ts';

/** Named rates: the sandbox's documented 0.05%, the Investor (0.3%) and Trader (0.04%) tariffs, none. */
export const FEE_PRESETS = {
  sandbox: 0.0005,
  investor: 0.003,
  trader: 0.0004,
  zero: 0,
} as const;

/** Name of a fee preset. */
export type FeePreset = keyof typeof FEE_PRESETS;

/** A percent-of-value fee: `rate` for everything, `overrides` by instrument uid or ticker. */
export interface FeeSpec {
  kind: 'percent';
  rate: number;
  overrides?: Record<string, number>;
}

/** The default: the sandbox rate, 0.05% of traded value. */
export const DEFAULT_FEE: FeeSpec = { kind: 'percent', rate: FEE_PRESETS.sandbox };

/** Computes commissions for fills. */
export interface FeeModel {
  readonly spec: FeeSpec;
  /** Commission for trading `value` (account currency) of the instrument in `slot`. */
  commission(slot: number, value: number): number;
}

function checkRate(rate: number, field: string): void {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 0.1)
    throw new ModelSpecError('fee', field, rate, 'a fraction in [0, 0.1)');
}

/**
 * Checks a spec's rates; returns it unchanged.
 * @throws ModelSpecError naming the field (rate or an override) and its value.
 */
export function checkFeeSpec(spec: FeeSpec): FeeSpec {
  checkRate(spec.rate, 'rate');
  for (const [k, r] of Object.entries(spec.overrides ?? {})) checkRate(r, `override for ${k}`);
  return spec;
}

/** Builds the fee model of a run; the rate of each instrument is looked up once. */
export function createFeeModel(
  spec: FeeSpec | FeePreset | undefined,
  instruments: readonly Instrument[],
): FeeModel {
  const s = checkFeeSpec(feeSpec(spec));
  const overrides = s.overrides ?? {};
  const rates = Float64Array.from(
    instruments,
    (i) => overrides[i.uid] ?? overrides[i.ticker] ?? s.rate,
  );
  const grids = instruments.map((i) =>
    i.minPriceIncrement > 0 ? stepDecimals(i.minPriceIncrement) : 0,
  );
  const places = Int8Array.from(rates, (r) => decimalsOf(r));
  const scaled = Float64Array.from(rates, (r, slot) =>
    places[slot] < 0 ? 0 : scaledAt(r, places[slot]),
  );
  return {
    spec: s,
    // The rate's decimal form is fixed per instrument, so it is found once, not at every fill.
    commission: (slot, value) =>
      feeOnGrid(
        value,
        rates[slot],
        places[slot],
        scaled[slot],
        Math.min(grids[slot], MAX_DECIMALS),
      ),
  };
}

/** value · rate in kopecks, half away from zero, exact on decimal grids. */
export function percentFee(value: number, rate: number, priceDecimals = 0): number {
  const rk = decimalsOf(rate);
  return feeOnGrid(value, rate, rk, rk < 0 ? 0 : scaledAt(rate, rk), priceDecimals);
}

/**
 * percentFee with the rate already in decimal form (`r` units of 10^-`rk`; `rk` < 0 when the rate
 * is off every grid). The traded value comes from units × a grid price, so it lies within a few
 * ulps of a whole count of 10^-k for some k >= `priceDecimals`: that count times `r` is exact.
 */
function feeOnGrid(
  value: number,
  rate: number,
  rk: number,
  r: number,
  priceDecimals: number,
): number {
  if (rk >= 0) {
    for (let k = priceDecimals; k <= MAX_DECIMALS; k++) {
      const t = value * POW10[k];
      const n = Math.round(t);
      if (Math.abs(n) <= GRID_LIMIT && Math.abs(t - n) <= Math.abs(n) * 2 ** -50) {
        return exactFee(n, k, r, rk);
      }
    }
  }
  return roundMoney(value * rate);
}

/** (n / 10^k) · (r / 10^rk) in kopecks, half away from zero. */
function exactFee(n: number, k: number, r: number, rk: number): number {
  const num = n * r * 100;
  if (Math.abs(num) <= Number.MAX_SAFE_INTEGER && k + rk <= 15) {
    return roundDiv(num, POW10[k + rk]) / 100 + 0;
  }
  const kop = roundDivBig(BigInt(n) * BigInt(r) * 100n, 10n ** BigInt(k + rk));
  return Number(kop) / 100 + 0;
}

/** A spec from a preset name, a spec, or nothing (the default). */
export function feeSpec(spec: FeeSpec | FeePreset | undefined): FeeSpec {
  if (spec === undefined) return DEFAULT_FEE;
  if (typeof spec === 'string') {
    if (!(spec in FEE_PRESETS))
      throw new ModelSpecError(
        'fee',
        'preset',
        spec,
        `one of ${Object.keys(FEE_PRESETS).join(', ')}`,
      );
    return { kind: 'percent', rate: FEE_PRESETS[spec] };
  }
  return spec;
}
