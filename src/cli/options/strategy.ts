/**
 * @module The `--strategy` and `--param` options, defined once for every command that runs a
 * registered strategy (backtest and the research commands).
 */
import { STRATEGIES } from '../../strategies/index.ts';

/** `--strategy NAME` and repeatable `--param key=value`. */
export function strategyOptions(paramDescribe = 'Strategy parameter key=value (repeatable)') {
  return {
    strategy: {
      type: 'string',
      demandOption: true,
      requiresArg: true,
      describe: `One of: ${STRATEGIES.map((s) => s.name).join(', ')}`,
    },
    param: {
      type: 'string',
      array: true,
      default: [],
      requiresArg: true,
      describe: paramDescribe,
    },
  } as const;
}
