/**
 * @module Helpers for the downloader suites: the in-process path (emulator + client + SQLite cache
 * + downloadHistory), an independent reference built from the emulator's market source, a dump of a
 * cache's logical content, and the CLI run as a child process with a clean environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Candle } from '../../src/core/candle.ts';
import { alignTime, closeTime, type Interval } from '../../src/core/interval.ts';
import type { TimeRange } from '../../src/core/time.ts';
import { type CandleStore } from '../../src/data/index.ts';
import {
  downloadHistory,
  type DownloadOptions,
  type DownloadSummary,
} from '../../src/data/download/downloader.ts';
import { parseInstrumentList } from '../../src/core/instrument-ref.ts';
import { storeForDownload } from '../../src/data/download/store-adapter.ts';
import type { MarketSource, RunningEmulator } from '../../src/emulator/index.ts';
import { historyApiFromClient } from '../../src/live/history-api.ts';
import {
  createTinvestClient,
  type TinvestClient,
  type TinvestClientOptions,
} from '../../src/live/index.ts';

/** The project root (where bin/tlab.mjs lives). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Any token: emulators in these suites accept every non-empty token unless told otherwise. */
export const TOKEN = 'dl-test-token';
/** Far beyond every stored candle, for whole-series reads. */
const END_OF_TIME = 4e12;

/**
 * A client for an in-process emulator with pacing off (the emulators here run without limits) and
 * quick retries. The archive fetcher paces on its own, so its limit is raised instead.
 */
export function fastClient(
  emu: RunningEmulator,
  options: Partial<TinvestClientOptions> = {},
): TinvestClient {
  return createTinvestClient({
    endpoint: emu.grpcAddress,
    archiveUrl: emu.archiveUrl,
    token: TOKEN,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    rateLimit: { enabled: false, windowMs: 1000, perService: { archive: 1_000_000 } },
    ...options,
  });
}

/** What one in-process download is asked to do, in the CLI's words. */
export interface DownloadRequest extends Omit<DownloadOptions, 'instruments'> {
  instruments: string;
}

/** Runs downloadHistory through the real client and the real cache adapter. */
export function download(
  client: TinvestClient,
  store: CandleStore,
  request: DownloadRequest,
): Promise<DownloadSummary> {
  return downloadHistory(historyApiFromClient(client), storeForDownload(store), {
    ...request,
    instruments: parseInstrumentList(request.instruments),
  });
}

/**
 * The candles an exact download of `range` must hold, built here from the market's 1-minute
 * candles (not through the emulator's own aggregation): buckets of the interval, open time in
 * [from, to), and only those closed by `now`.
 */
export function referenceCandles(
  market: MarketSource,
  uid: string,
  interval: Interval,
  range: TimeRange,
  now: number,
): Candle[] {
  const first = alignTime(interval, range.from);
  const end = Math.min(closeTime(interval, alignTime(interval, range.to - 1)), now);
  const out: Candle[] = [];
  for (const m of market.minuteCandles(uid, first, end)) {
    const bucket = alignTime(interval, m.time);
    const last = out[out.length - 1];
    if (last && last.time === bucket) {
      last.high = Math.max(last.high, m.high);
      last.low = Math.min(last.low, m.low);
      last.close = m.close;
      last.volume += m.volume;
    } else out.push({ ...m, time: bucket });
  }
  return out.filter(
    (c) => c.time >= range.from && c.time < range.to && closeTime(interval, c.time) <= now,
  );
}

/** Every candle of a series. */
export function allCandles(store: CandleStore, uid: string, interval: Interval): Candle[] {
  return store.readCandles(uid, interval, 0, END_OF_TIME);
}

/** What defines a cache's content: instruments, and every series' candles and coverage. */
export function cacheContent(store: CandleStore) {
  return {
    instruments: store
      .listInstruments()
      .map((i) => ({ ...i, source: store.instrumentSource(i.uid) }))
      .sort((a, b) => (a.uid < b.uid ? -1 : 1)),
    series: store
      .listSeries()
      .map((s) => ({
        uid: s.uid,
        interval: s.interval,
        covered: store.coveredRanges(s.uid, s.interval),
        candles: allCandles(store, s.uid, s.interval),
      }))
      .sort((a, b) => `${a.uid}/${a.interval}`.localeCompare(`${b.uid}/${b.interval}`)),
  };
}

/** Token and endpoint variables that a child must not inherit from whoever runs the tests. */
const API_ENV = [
  'TINKOFF_TOKEN_STRING',
  'TINKOFF_TOKEN_FILE',
  'SANDBOX_TOKEN_STRING',
  'SANDBOX_TOKEN_FILE',
  'TINVEST_ENDPOINT',
  'TINVEST_ARCHIVE_URL',
  'TINVEST_CA_FILE',
  'TLAB_DB',
];

/** The environment for emulator `emu` (endpoint and archive URL) plus `extra`. */
export function emuEnv(
  emu: RunningEmulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { TINVEST_ENDPOINT: emu.grpcAddress, TINVEST_ARCHIVE_URL: emu.archiveUrl, ...extra };
}

/** How a CLI run ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `tlab ARGS` with exactly the API variables in `env` (none inherited). */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of API_ENV) delete base[k];
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/tlab.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `tlab ARGS` to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).done;
}

/** The CLI failed the way the house rules say: exit code, one `tlab:` line, no stack frames. */
export function expectOneLineError(r: CliResult, exitCode: number, pattern: RegExp): void {
  const context = JSON.stringify(r);
  expect(r.code, context).toBe(exitCode);
  expect(r.stderr.endsWith('\n'), context).toBe(true);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, context).toHaveLength(1);
  expect(lines[0]).toMatch(/^tlab: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}
