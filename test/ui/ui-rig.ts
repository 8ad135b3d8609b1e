/**
 * @module Fixtures of the dashboard tests: a temp folder with a real candle cache (two days of
 * synthetic SBER minutes from an emulator-like source, a never-fetched day between them) and a
 * real run journal holding two saved backtests, a reports folder with a real parameter study and
 * the first backtest's report, the dashboard started over them, and headless
 * Chromium (Debian's, through playwright-core, launched as the report test launches it) with
 * every request off loopback refused and every console error collected.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium } from '../report/chromium.ts';
import { saveBacktest } from '../../src/cli/backtest-journal.ts';
import { openStore, type CandleStore } from '../../src/data/store.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { createPool } from '../../src/research/config-pool.ts';
import { parseAxis } from '../../src/research/grid.ts';
import { loadSharedSeries } from '../../src/research/load-series.ts';
import { runStudy, type StudySpec } from '../../src/research/study.ts';
import { writeStudyOutputs } from '../../src/research/study-files.ts';
import {
  startUiServer,
  type UiServer,
  type UiServerOptions,
} from '../../src/ui/server/ui-server.ts';
import { DAY, syntheticDay } from '../fixtures/synthetic-candles.ts';
import { instrument } from '../stubs/candles.ts';

export { CHROMIUM, haveChromium } from '../report/chromium.ts';

/** A browser suite's title, saying why it is skipped when Chromium is absent. */
export function browserSuite(name: string): string {
  return `${name}${haveChromium ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`;
}

/** Monday 2024-03-04 and Wednesday 2024-03-06 00:00 UTC: cached; Tuesday never fetched; Thursday empty. */
export const DAY1 = Date.UTC(2024, 2, 4);
export const DAY3 = Date.UTC(2024, 2, 6);
export const SBER = instrument({ ticker: 'SBER', uid: 'uid-sber', lot: 10 });

/** A cache and a journal with two saved backtests in a temp folder. */
export interface UiFiles {
  dir: string;
  cacheFile: string;
  journalFile: string;
  /** reports/: a parameter study (sma-grid) and the first backtest's report folder (sma-3-8). */
  studiesDir: string;
  runIds: string[];
  remove(): void;
}

/** Writes the fixture files. */
export async function uiFiles(): Promise<UiFiles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-ui-'));
  const cacheFile = path.join(dir, 'cache.sqlite');
  const journalFile = path.join(dir, 'runs.sqlite');
  const store = openStore(cacheFile);
  const origin = { source: 'emulator:synthetic seed 1' };
  store.upsertInstrument(SBER);
  for (const day of [DAY1, DAY3])
    store.upsertCandles(SBER.uid, '1m', syntheticDay(day), { from: day, to: day + DAY }, origin);
  // Thursday fetched and found empty (as a holiday would be).
  store.markCovered(SBER.uid, '1m', { from: DAY3 + DAY, to: DAY3 + 2 * DAY }, origin);
  const runIds: string[] = [];
  const studiesDir = path.join(dir, 'reports');
  for (const params of [
    { fast: 3, slow: 8 },
    { fast: 5, slow: 20 },
  ]) {
    const saved = await saveBacktest(
      store,
      {
        strategy: 'sma-cross',
        params,
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        range: { from: DAY3, to: DAY3 + DAY },
        now: DAY3 + 2 * DAY,
      },
      journalFile,
    );
    runIds.push(saved.runId);
    if (runIds.length === 1)
      writeReport(path.join(studiesDir, 'sma-3-8'), saved.result, {
        SBER: store.readCandles(SBER.uid, '1m', DAY3, DAY3 + DAY),
      });
    // Run ids carry the wall-clock second: keep the two apart.
    await new Promise((r) => setTimeout(r, 1100));
  }
  await writeStudy(store, path.join(studiesDir, 'sma-grid'));
  store.close();
  return {
    dir,
    cacheFile,
    journalFile,
    studiesDir,
    runIds,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A real parameter study over the fixture's day, in process, written as `tlab optimize --out` does. */
async function writeStudy(store: CandleStore, dir: string): Promise<void> {
  const range = { from: DAY3, to: DAY3 + DAY };
  const spec: StudySpec = {
    template: { strategy: 'sma-cross', instruments: [SBER], intervals: ['1m'], range },
    fixed: { lots: 1 },
    axes: [parseAxis('fast=2,3,5'), parseAxis('slow=8,13')],
    constraints: ['fast<slow'],
    // One day has no daily Sharpe: rank by what it has.
    objective: 'totalReturn',
  };
  const series = loadSharedSeries(store, [SBER], ['1m'], range);
  const pool = createPool(0);
  try {
    mkdirSync(dir, { recursive: true });
    writeStudyOutputs(dir, spec, await runStudy(spec, { pool, series }));
  } finally {
    await pool.close();
  }
}

/** Starts the dashboard over the fixture files. */
export function startUi(files: UiFiles, more: Partial<UiServerOptions> = {}): Promise<UiServer> {
  return startUiServer({
    cacheFile: files.cacheFile,
    journalFile: files.journalFile,
    studiesDir: files.studiesDir,
    pollMs: 100,
    ...more,
  });
}

/** Launches headless Chromium. */
export const launch = launchChromium;

/** A page whose requests off loopback are refused (and listed), with its console errors. */
export interface WatchedPage {
  page: Page;
  offLoopback: string[];
  problems: string[];
  requests: string[];
}

function isLoopbackUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:') return true;
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/** Opens a page that records (and aborts) every request leaving loopback. */
export async function watchedPage(
  browser: Browser,
  opts: { ignoreHTTPSErrors?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, ...opts });
  const page = await context.newPage();
  const w: WatchedPage = { page, offLoopback: [], problems: [], requests: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    w.requests.push(url);
    if (isLoopbackUrl(url)) return route.continue();
    w.offLoopback.push(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) w.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return w;
}

/** Goes to `hash` on the dashboard and waits until the page says it is drawn. */
export async function openHash(w: WatchedPage, base: string, hash: string): Promise<void> {
  await w.page.goto(`${base}/${hash}`);
  await w.page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}
