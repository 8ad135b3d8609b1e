/**
 * @module `tlab demo`: the whole path on an embedded default, with no token and no network. It
 * starts the emulator in-process on loopback, downloads a few months of two instruments through the
 * real client into data/demo.sqlite (a rerun finds them cached), backtests the reference strategy
 * and writes reports/demo/report.html. The range is fixed, so every run prints the same figures.
 */
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { isoUtc, parseUtc, type TimeRange } from '../../core/time.ts';
import { downloadHistory } from '../../data/download/downloader.ts';
import type { HistoryApi } from '../../data/download/ports.ts';
import { parseInstrumentList } from '../../core/instrument-ref.ts';
import { storeForDownload } from '../../data/download/store-adapter.ts';
import type { CandleStore } from '../../data/store.ts';
import { openCliStore } from '../options/db.ts';
import { checkOutDir } from '../options/out-dir.ts';

interface Args {
  db: string;
  out: string;
  json: boolean;
}

const DEMO = {
  instruments: 'SBER,GAZP',
  interval: '1h' as const,
  from: '2025-01-01',
  to: '2025-07-01',
  strategy: 'sma-cross',
  // Position size is the strategy's default (1 lot), as in `tlab backtest`: one default everywhere.
  params: { fast: '10', slow: '30' },
};

function say(json: boolean, line: string): void {
  if (!json) process.stdout.write(`${line}\n`);
}

/** The `demo` command. */
export const demoCommand: CommandModule<object, Args> = {
  command: 'demo',
  describe: 'Run the whole path offline: emulator → download → backtest → report',
  builder: (yargs: Argv) =>
    yargs
      .options({
        db: {
          type: 'string',
          default: 'data/demo.sqlite',
          requiresArg: true,
          describe: 'Cache file for the demo',
        },
        out: {
          type: 'string',
          default: 'reports/demo',
          requiresArg: true,
          describe: 'Folder for the report files',
        },
        json: { type: 'boolean', default: false, describe: 'Print the result as one JSON object' },
      })
      .example('$0 demo', 'emulator → download → backtest → reports/demo/report.html')
      .example('$0 demo --json', 'the same, printing the result as one JSON object')
      .example(
        '$0 demo --db /tmp/demo.sqlite --out /tmp/demo',
        'keep the cache and the report elsewhere',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    // The emulator, gRPC and engine stacks load only when the demo runs (keeps `tlab --help` quick).
    const { startEmulator } = await import('../../emulator/index.ts');
    const { createTinvestClient, DEV_TOKEN } = await import('../../live/index.ts');
    const { historyApiFromClient } = await import('../../live/history-api.ts');
    const out = checkOutDir(args.out);
    const range = { from: parseUtc(DEMO.from), to: parseUtc(DEMO.to) };
    const now = Date.now();
    // The cache opens before the emulator starts, so a bad --db fails with nothing to stop; every
    // later failure goes through the finally blocks, which close what was opened (an emulator
    // left running would keep the process alive forever).
    const store = openCliStore(args.db, { mustExist: false });
    try {
      const emulator = await startEmulator({ seed: 1 });
      try {
        say(
          args.json,
          `emulator   grpc=${emulator.grpcAddress} http=${emulator.httpUrl} (synthetic market, seed 1)`,
        );
        const client = createTinvestClient({
          endpoint: emulator.grpcAddress,
          token: DEV_TOKEN,
          archiveUrl: emulator.archiveUrl,
        });
        try {
          await runDemo(store, historyApiFromClient(client), {
            json: args.json,
            out,
            range,
            now,
          });
        } finally {
          await client.close();
        }
      } finally {
        await emulator.stop();
      }
    } finally {
      store.close();
    }
  },
};

interface DemoRun {
  json: boolean;
  out: string;
  range: TimeRange;
  now: number;
}

/** Download, backtest and report on an open cache through a client of the running emulator. */
async function runDemo(store: CandleStore, api: HistoryApi, run: DemoRun): Promise<void> {
  const { runCliBacktest } = await import('../backtest-run.ts');
  const { emitResult } = await import('../emit-result.ts');
  const { range, now } = run;
  const summary = await downloadHistory(api, storeForDownload(store), {
    instruments: parseInstrumentList(DEMO.instruments),
    intervals: [DEMO.interval],
    range,
    source: 'auto',
    now,
  });
  say(
    run.json,
    `download   ${DEMO.instruments} ${DEMO.interval} ${isoUtc(range.from)}..${isoUtc(range.to)}: ` +
      `${summary.candles} new candles in ${summary.requests} requests (cache: ${path.relative(process.cwd(), store.file) || store.file})`,
  );
  const { result, instruments } = await runCliBacktest(store, {
    strategy: DEMO.strategy,
    params: DEMO.params,
    instruments: parseInstrumentList(DEMO.instruments),
    intervals: [DEMO.interval],
    range,
    now,
  });
  say(run.json, '');
  const html = emitResult(store, result, instruments, {
    json: run.json,
    out: run.out,
    chartInterval: DEMO.interval,
  });
  say(run.json, `\nreport     ${html} (open it in a browser; it needs no network)`);
}
