/**
 * @module `--short` against the strategy's own `short` parameter: the broker's permission and the
 * strategy's intent must agree, or one of them silently does nothing. A strategy can go short when
 * its parameters include a boolean `short`; one without it is long only.
 */
import { UsageError } from '../../core/errors.ts';
import type { StrategyEntry } from '../../strategies/index.ts';

/**
 * Refuses the combinations that cannot take effect.
 * @throws UsageError for `--short` with a long-only strategy or with `short=false`, and for
 * `--param short=true` without `--short`.
 */
export function checkShortFlags(
  entry: StrategyEntry,
  params: Readonly<Record<string, unknown>>,
  allowShort: boolean,
): void {
  const canShort = typeof entry.defaults.short === 'boolean';
  if (allowShort && !canShort)
    throw new UsageError(
      `--short cannot take effect: ${entry.name} trades long only`,
      'drop --short, or pick a strategy with a short parameter (sma-cross, rsi-reversion)',
    );
  if (allowShort && params.short !== true)
    throw new UsageError(
      `--short cannot take effect: ${entry.name} goes short only with --param short=true`,
      'add --param short=true, or drop --short',
    );
  if (!allowShort && params.short === true)
    throw new UsageError(
      `--param short=true cannot take effect without --short: the broker would refuse every short sale`,
      'add --short (the instrument must also allow shorting)',
    );
}
