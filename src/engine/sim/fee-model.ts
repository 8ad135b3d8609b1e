/**
 * @module Commission models. Every fee is a fraction of traded value (price × lots × lot), rounded to
 * kopecks; presets name the T-Invest tariffs, and single instruments can carry their own rate. The
 * spec is plain data so it goes into the run fingerprint as it is.
 */
import type { Instrument } from '../../core/instrument.ts';
import { ModelSpecError } from '../errors.ts';
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
  return { spec: s, commission: (slot, value) => roundMoney(value * rates[slot]) };
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
