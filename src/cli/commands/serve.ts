/**
 * @module `tlab serve`: runs the local T-Invest emulator (gRPC + history archive over HTTP) until
 * SIGINT/SIGTERM, on the wall clock or a replay clock (`--replay-from`, `--speed`), with faults. Prints exactly one line, `grpc=HOST:PORT http=HOST:PORT`, once both listen, so
 * scripts can read the addresses. `--token` is the one place a token comes from argv: these are
 * the test tokens the local server accepts, not credentials for the real API.
 */
import { existsSync, statSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { TlabError, UsageError } from '../../core/errors.ts';
import { openStore, type CandleStore } from '../../data/index.ts';
import type { RunningEmulator } from '../../emulator/index.ts';
import { replayOf } from '../options/replay.ts';
import { tradingFromArgs, tradingOptions, type ServeTradingArgs } from './serve-trading.ts';

interface ServeArgs extends ServeTradingArgs {
  port: number;
  'http-port': number;
  seed: number;
  token?: string[];
  data?: string;
  'replay-from'?: string;
  speed?: number;
  realtime?: boolean;
  fault?: string[];
  'max-stream-lifetime'?: number;
  verbose?: boolean;
}

function checkPort(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UsageError(`--${option} ${value} is not a port`, 'use 0-65535 (0 picks a free one)');
  }
  return value;
}

/** Opens the `--data` cache and checks it has something to serve. */
function openData(file: string): CandleStore {
  // A 0-byte file is no cache yet; opening it would write a schema into the file.
  if (existsSync(file) && statSync(file).size === 0)
    throw new UsageError(
      `the cache ${file} is empty (0 bytes)`,
      'download some history into it first (tlab download --db ...), or drop --data to serve the synthetic market',
    );
  const store = openStore(file, { mustExist: true });
  if (store.listInstruments().length === 0) {
    store.db.close();
    throw new UsageError(
      `the cache ${file} has no instruments`,
      'download some history first (tlab download), or drop --data to serve the synthetic market',
    );
  }
  return store;
}

function lifetimeOf(args: ServeArgs): number | undefined {
  const ms = args['max-stream-lifetime'];
  if (ms !== undefined && !(Number.isInteger(ms) && ms > 0)) {
    throw new UsageError(
      `--max-stream-lifetime ${ms} is not a positive whole number of ms`,
      'e.g. 600000 for ten minutes',
    );
  }
  return ms;
}

async function start(args: ServeArgs, store: CandleStore | undefined): Promise<RunningEmulator> {
  if (!Number.isSafeInteger(args.seed)) {
    throw new UsageError(`--seed ${args.seed} is not an integer`, 'pass a whole number');
  }
  const tokens = (args.token ?? []).map(String);
  if (tokens.some((t) => t.trim() === '')) {
    throw new UsageError('--token is empty', 'give each --token a non-empty value');
  }
  const replay = replayOf(args);
  const maxLifetimeMs = lifetimeOf(args);
  // The emulator loads only when it is about to run (keeps `tlab --help` quick).
  const trading = tradingFromArgs(args);
  const { startEmulator } = await import('../../emulator/index.ts');
  const { parseFaults } = await import('../../emulator/fault-spec.ts');
  const { FAULT_KEYS } = await import('../../emulator/fault-spec.ts');
  // Market-side faults are in the emulator's table; the order-side ones parse in serve-trading.ts.
  const faults = parseFaults(
    (args.fault ?? []).map(String).filter((f) => f.split('=')[0].trim() in FAULT_KEYS),
  );
  const { StoreMarket } = await import('../../emulator/market/store-market.ts');
  // grpc-js logs a failed bind on stderr itself; the one line below says it better.
  if (!args.verbose) {
    const grpc = await import('@grpc/grpc-js');
    grpc.setLogVerbosity(grpc.logVerbosity.NONE);
  }
  try {
    return await startEmulator({
      port: checkPort(args.port, 'port'),
      httpPort: checkPort(args['http-port'], 'http-port'),
      seed: args.seed,
      tokens,
      source: store ? new StoreMarket(store) : undefined,
      ...trading,
      replay,
      faults: { ...faults, ...trading.faults },
      streams: { maxLifetimeMs },
      ...(store ? { venue: `emulator:data ${store.file}` } : {}),
    });
  } catch (err) {
    if (err instanceof TlabError) throw err;
    throw startFailure(err, args);
  }
}

/** One line for a failed start: a busy port names the port and the option that chose it. */
function startFailure(err: unknown, args: ServeArgs): TlabError {
  const text = err instanceof Error ? err.message : String(err);
  const busy = /EADDRINUSE[^\]]*?:(\d+)/.exec(text);
  if (busy) {
    const port = Number(busy[1]);
    const flag = port === args['http-port'] ? '--http-port' : '--port';
    return new TlabError(
      `port ${port} on 127.0.0.1 (${flag}) is already in use (EADDRINUSE)`,
      `stop what listens there (ss -ltnp 'sport = :${port}'), or pick another ${flag} (0 picks a free one)`,
      { cause: err },
    );
  }
  return new TlabError(
    `cannot start the emulator on ports ${args.port}/${args['http-port']}: ${text.split('\n')[0]}`,
    'pick other --port/--http-port values, or 0 for free ones',
    { cause: err },
  );
}

/** The `serve` command. */
export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the local T-Invest emulator (gRPC + history archive) on 127.0.0.1',
  builder: (y) =>
    tradingOptions(y)
      .option('port', { type: 'number', default: 50051, describe: 'gRPC port (0 = any free port)' })
      .option('http-port', {
        type: 'number',
        default: 50052,
        describe: 'History archive HTTP port (0 = any free port)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Synthetic market seed' })
      .option('token', {
        type: 'string',
        array: true,
        describe: 'A token the server accepts (repeatable; none = any non-empty token)',
      })
      .option('data', {
        type: 'string',
        describe: 'Serve the instruments and 1-minute candles of this candle cache file instead',
      })
      .option('replay-from', {
        type: 'string',
        describe: 'Run the venue on a replay clock starting at this UTC time (ISO)',
      })
      .option('speed', {
        type: 'number',
        describe:
          'Replay speed: simulated seconds per real second (default 1; needs --replay-from)',
      })
      .option('realtime', {
        type: 'boolean',
        describe: 'Run the venue on the wall clock (the default without --replay-from)',
      })
      .option('max-stream-lifetime', {
        type: 'number',
        describe: 'Close streams after this many ms with 80005 (default: never)',
      })
      .example('$0 serve', 'gRPC on 127.0.0.1:50051, archive on http://127.0.0.1:50052')
      .example(
        '$0 serve --replay-from 2024-10-02T06:50Z --speed 6000',
        'replay a trading day at 100 minutes a second',
      )
      .example('$0 serve --port 0 --http-port 0 --token t.test', 'free ports, one accepted token')
      .example(
        '$0 serve --state venue.sqlite --sandbox-port 50053 --fault lost-ack=2',
        'remember accounts and orders; sandbox host on :50053; cut the answer to the 2nd order',
      ),
  handler: async (args) => {
    const store = args.data === undefined ? undefined : openData(args.data);
    try {
      const emu = await start(args, store);
      const http = emu.httpUrl.replace(/^http:\/\//, '');
      const sandbox = emu.sandboxAddress ? ` sandbox=${emu.sandboxAddress}` : '';
      process.stdout.write(`grpc=${emu.grpcAddress} http=${http}${sandbox}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await emu.stop();
    } finally {
      store?.db.close();
    }
  },
};
