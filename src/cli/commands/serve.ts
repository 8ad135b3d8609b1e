/**
 * @module `tlab serve`: runs the local T-Invest emulator (gRPC + history archive over HTTP) until
 * SIGINT/SIGTERM. Prints exactly one line, `grpc=HOST:PORT http=HOST:PORT`, once both listen, so
 * scripts can read the addresses. `--token` is the one place a token comes from argv: these are
 * the test tokens the local server accepts, not credentials for the real API.
 */
import type { CommandModule } from 'yargs';
import { TlabError, UsageError } from '../../core/errors.ts';
import { openStore, type CandleStore } from '../../data/index.ts';
import type { RunningEmulator } from '../../emulator/index.ts';

interface ServeArgs {
  port: number;
  'http-port': number;
  seed: number;
  token?: string[];
  data?: string;
}

function checkPort(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UsageError(`--${option} ${value} is not a port`, 'use 0-65535 (0 picks a free one)');
  }
  return value;
}

/** Opens the `--data` cache and checks it has something to serve. */
function openData(file: string): CandleStore {
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

async function start(args: ServeArgs, store: CandleStore | undefined): Promise<RunningEmulator> {
  if (!Number.isSafeInteger(args.seed)) {
    throw new UsageError(`--seed ${args.seed} is not an integer`, 'pass a whole number');
  }
  const tokens = (args.token ?? []).map(String);
  if (tokens.some((t) => t.trim() === '')) {
    throw new UsageError('--token is empty', 'give each --token a non-empty value');
  }
  // The emulator loads only when it is about to run (keeps `tlab --help` quick).
  const { startEmulator } = await import('../../emulator/index.ts');
  const { StoreMarket } = await import('../../emulator/market/store-market.ts');
  try {
    return await startEmulator({
      port: checkPort(args.port, 'port'),
      httpPort: checkPort(args['http-port'], 'http-port'),
      seed: args.seed,
      tokens,
      source: store ? new StoreMarket(store) : undefined,
      ...(store ? { venue: `emulator:data ${store.file}` } : {}),
    });
  } catch (err) {
    if (err instanceof TlabError) throw err;
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new TlabError(
      `cannot start the emulator on ports ${args.port}/${args['http-port']}: ${why}`,
      'pick other --port/--http-port values, or 0 for free ones',
      { cause: err },
    );
  }
}

/** The `serve` command. */
export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the local T-Invest emulator (gRPC + history archive) on 127.0.0.1',
  builder: (y) =>
    y
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
      .example('$0 serve', 'gRPC on 127.0.0.1:50051, archive on http://127.0.0.1:50052')
      .example('$0 serve --port 0 --http-port 0 --token t.test', 'free ports, one accepted token'),
  handler: async (args) => {
    const store = args.data === undefined ? undefined : openData(args.data);
    try {
      const emu = await start(args, store);
      const http = emu.httpUrl.replace(/^http:\/\//, '');
      process.stdout.write(`grpc=${emu.grpcAddress} http=${http}\n`);
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
