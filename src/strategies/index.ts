/**
 * @module The strategy registry: every built-in strategy by name, for the CLI and notebooks.
 */
import { UsageError } from '../core/errors.ts';
import { breakout } from './breakout/config.ts';
import type { StrategyEntry } from './define.ts';
import { rsiReversion } from './rsi-reversion/config.ts';
import { smaCross } from './sma-cross/config.ts';

export {
  defineStrategy,
  type RawParam,
  type StrategyDefinition,
  type StrategyEntry,
} from './define.ts';
export {
  NO_CHART,
  type ChartDeclaration,
  type ChartInput,
  type ChartLine,
  type ChartPane,
  type StrategyChart,
} from './chart-spec.ts';
export { breakout, rsiReversion, smaCross };
export { SmaCross } from './sma-cross/strategy.ts';
export type { SmaCrossParams } from './sma-cross/config.ts';
export { RsiReversion } from './rsi-reversion/strategy.ts';
export type { RsiReversionParams } from './rsi-reversion/config.ts';
export { Breakout } from './breakout/strategy.ts';
export type { BreakoutParams } from './breakout/config.ts';

/** Every built-in strategy, the reference one first. */
export const STRATEGIES: readonly StrategyEntry[] = [smaCross, rsiReversion, breakout];

/**
 * The registry entry of a strategy.
 * @throws UsageError naming the known strategies when `name` is not one of them.
 */
export function getStrategy(name: string): StrategyEntry {
  const s = STRATEGIES.find((x) => x.name === name);
  if (s === undefined) {
    throw new UsageError(
      `unknown strategy '${name}'`,
      `use one of: ${STRATEGIES.map((x) => x.name).join(', ')}`,
    );
  }
  return s;
}
