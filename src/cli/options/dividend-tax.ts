/**
 * @module `--dividend-tax`: the share of a long position's dividends withheld as tax in a backtest,
 * as a fraction (0.13) or a percentage (13%); 0 gives gross dividends. The engine's default is the
 * 13% RU resident rate (src/engine/economics/economics-input.ts).
 */
import { UsageError } from '../../core/errors.ts';

const FORMS =
  'pass a fraction in [0, 1) or a percentage, e.g. --dividend-tax 0.13 or 13% (0 for gross)';

/** The yargs definition of `--dividend-tax`. */
export const dividendTaxOption = {
  'dividend-tax': {
    type: 'string',
    requiresArg: true,
    describe: 'Tax withheld from dividends of long positions: 0.13, 13% or 0 (default 13%)',
  },
} as const;

/** Parses a `--dividend-tax` value. */
export function parseDividendTax(text: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  const rate = pct ? n / 100 : n;
  if (t === '' || !Number.isFinite(n) || !(rate >= 0 && rate < 1)) {
    throw new UsageError(`--dividend-tax '${text}' is not a tax rate`, FORMS);
  }
  return pct ? Number(rate.toFixed(12)) : rate;
}
