/**
 * @module The environment table: the one place where the CLI decides which feed, broker and clock a
 * run gets, and which model instances stand behind the names a user types. Every row runs the same
 * kernel: a backtest over the cache, paper (live stream + simulated broker), sandbox and live (live
 * stream + TinvestBroker); the live rows are composed in src/cli/live/.
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
    feed: 'live gRPC candle stream (GrpcStreamFeed, warm-up from the cache)',
    broker: 'simulated broker behind the risk guards',
    clock: 'replay clock moved to each event time on the venue clock',
    available: true,
  },
  sandbox: {
    feed: 'live gRPC candle stream (GrpcStreamFeed, warm-up from the cache)',
    broker: 'TinvestBroker on a T-Invest sandbox account, behind the risk guards',
    clock: 'replay clock moved to each event time on the venue clock',
    available: true,
  },
  live: {
    feed: 'live gRPC candle stream (GrpcStreamFeed, warm-up from the cache)',
    broker: 'TinvestBroker on a T-Invest account (real money), behind the risk guards',
    clock: 'replay clock moved to each event time on the venue clock',
    available: true,
  },
} as const satisfies Record<string, EnvironmentRow>;

/** Name of an environment in the table. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** The name-to-instance table of the simulated broker's models (shared with research runs). */
export { simulationModels, type SimulationModels } from '../app/registered-backtest.ts';
