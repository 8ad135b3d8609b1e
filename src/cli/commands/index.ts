/**
 * @module The list of `tlab` commands. Each command lives in its own file in this folder and
 * exports one yargs CommandModule; this table names each one and loads its file only when yargs
 * picks that command, so `tlab --help` and every command load just their own code. The names and
 * descriptions here are what the top-level help prints; a test keeps them equal to the modules'.
 */
import type { Argv, CommandModule } from 'yargs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

/** A command as the top-level parser knows it before its module is loaded. */
export interface LazyCommand {
  /** The yargs command string: name and positionals, as in the module. */
  readonly command: string;
  /** The one-line description `tlab --help` lists, as in the module. */
  readonly describe: string;
  /** Imports the command's module. */
  load(): Promise<AnyCommand>;
}

/** Every command, in the order `tlab --help` lists them. */
export const COMMANDS: readonly LazyCommand[] = [
  {
    command: 'demo',
    describe: 'Run the whole path offline: emulator → download → backtest → report',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  {
    command: 'download',
    describe: 'Download candle history into the local cache (only what is missing)',
    load: async () => (await import('./download.ts')).downloadCommand,
  },
  {
    command: 'backtest',
    describe: 'Backtest a strategy on cached candles',
    load: async () => (await import('./backtest.ts')).backtestCommand,
  },
  {
    command: 'paper',
    describe: 'Run a strategy on the live stream with the simulated broker (no real orders)',
    load: async () => (await import('./paper.ts')).paperCommand,
  },
  {
    command: 'sandbox',
    describe: 'Run a strategy on the live stream with orders on a sandbox account',
    load: async () => (await import('./sandbox.ts')).sandboxCommand,
  },
  {
    command: 'live',
    describe: 'Run a promoted strategy with real orders (needs --config and --confirm-live)',
    load: async () => (await import('./live.ts')).liveTradingCommand,
  },
  {
    command: 'runs',
    describe: 'List recorded runs (backtest --save, paper, sandbox, live), newest first',
    load: async () => (await import('./runs.ts')).runsCommand,
  },
  {
    command: 'ui',
    describe: 'Open the local web dashboard: the live run, every run, the cache',
    load: async () => (await import('./ui.ts')).uiCommand,
  },
  {
    command: 'optimize',
    describe: 'Search a strategy parameter grid on worker threads (ranked, with deflated Sharpe)',
    load: async () => (await import('./optimize.ts')).optimizeCommand,
  },
  {
    command: 'walk-forward',
    describe: 'Walk-forward validation: optimise in sample, run out of sample, stitch the windows',
    load: async () => (await import('./walk-forward.ts')).walkForwardCommand,
  },
  {
    command: 'worker',
    describe: 'Run cluster study jobs from Redis (tlab optimize/walk-forward --cluster)',
    load: async () => (await import('./worker.ts')).workerCommand,
  },
  {
    command: 'cluster <command>',
    describe: 'Inspect the study cluster on Redis (status)',
    load: async () => (await import('./cluster.ts')).clusterCommand,
  },
  {
    command: 'robustness <run>',
    describe: 'Monte Carlo and bootstrap distributions of a saved run (tlab backtest --out DIR)',
    load: async () => (await import('./robustness.ts')).robustnessCommand,
  },
  {
    command: 'lookahead',
    describe: 'Check a strategy for look-ahead and for decisions that depend on warm-up history',
    load: async () => (await import('./lookahead.ts')).lookaheadCommand,
  },
  {
    command: 'parity <run-a> <run-b>',
    describe:
      'Compare two runs decision by decision and fill by fill, and say where and why they differ',
    load: async () => (await import('./parity.ts')).parityCommand,
  },
  {
    command: 'promote <run>',
    describe:
      "Check a run against its rung of the promotion ladder and write the next rung's config",
    load: async () => (await import('./promote.ts')).promoteCommand,
  },
  {
    command: 'instruments <command>',
    describe: 'Look up instruments through the API',
    load: async () => (await import('./instruments.ts')).instrumentsCommand,
  },
  {
    command: 'data <command>',
    describe: 'Import, list, verify, export, resample and remove series of the local candle cache',
    load: async () => (await import('./data.ts')).dataCommand,
  },
  {
    command: 'serve',
    describe: 'Run the local T-Invest emulator (gRPC + history archive) on 127.0.0.1',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
];

/**
 * A yargs command module that stands for `lazy` and loads the real one when yargs runs its
 * builder, which it does only for the command on the command line (yargs awaits a builder's
 * promise). The handler then delegates to the loaded module's handler.
 */
export function deferredCommand(lazy: LazyCommand): AnyCommand {
  let loaded: Promise<AnyCommand> | undefined;
  const load = () => (loaded ??= lazy.load());
  return {
    command: lazy.command,
    describe: lazy.describe,
    builder: async (yargs: Argv) => {
      const { builder } = await load();
      if (typeof builder === 'function') return builder(yargs);
      return builder === undefined ? yargs : yargs.options(builder);
    },
    handler: async (args) => (await load()).handler(args),
  };
}
