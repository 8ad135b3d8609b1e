/**
 * @module The environment table: the one place where the CLI decides which feed, broker and clock a
 * run gets, and which model instances stand behind the names a user types. Backtests are here now;
 * paper (live stream + simulated broker + system clock), sandbox and live (live stream + broker at
 * the venue + system clock) join as rows of the same table, and every row runs the same kernel.
 */
/** One row: what an environment is composed of, in words a user reads in `--help` and the README. */
export interface EnvironmentRow {
  feed: string;
  broker: string;
  clock: string;
  /** False for rows planned but not built yet: the CLI refuses them with a line saying so. */
  available: boolean;
}

/** Every environment the CLI knows. */
export const ENVIRONMENTS = {
  backtest: {
    feed: 'SQLite candle cache (SqliteFeed)',
    broker: 'simulated broker (fill, fee and slippage models)',
    clock: 'replay clock moved by the kernel',
    available: true,
  },
  paper: {
    feed: 'live gRPC candle stream',
    broker: 'simulated broker',
    clock: 'system clock',
    available: false,
  },
  sandbox: {
    feed: 'live gRPC candle stream',
    broker: 'T-Invest sandbox account',
    clock: 'system clock',
    available: false,
  },
  live: {
    feed: 'live gRPC candle stream',
    broker: 'T-Invest account (real money)',
    clock: 'system clock',
    available: false,
  },
} as const satisfies Record<string, EnvironmentRow>;

/** Name of an environment in the table. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** The name-to-instance table of the simulated broker's models (shared with research runs). */
export { simulationModels, type SimulationModels } from '../app/registered-backtest.ts';
