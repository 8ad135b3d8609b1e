/**
 * @module Fixtures of the dashboard tests: a temp folder with a real candle cache (two days of
 * synthetic SBER minutes from an emulator-like source, a never-fetched day between them) and a
 * real run journal holding two saved backtests, the dashboard started over them, and headless
 * Chromium (Debian's, through playwright-core, launched as the report test launches it) with
 * every request off loopback refused and every console error collected.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { saveBacktest } from '../../src/cli/backtest-journal.ts';
import { openStore } from '../../src/data/store.ts';
import {
  startUiServer,
  type UiServer,
  type UiServerOptions,
} from '../../src/ui/server/ui-server.ts';
import { DAY, syntheticDay } from '../fixtures/synthetic-candles.ts';
import { instrument } from '../stubs/candles.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Monday 2024-03-04 and Wednesday 2024-03-06 00:00 UTC: cached; Tuesday is the gap. */
export const DAY1 = Date.UTC(2024, 2, 4);
export const DAY3 = Date.UTC(2024, 2, 6);
export const SBER = instrument({ ticker: 'SBER', uid: 'uid-sber', lot: 10 });

/** A cache and a journal with two saved backtests in a temp folder. */
export interface UiFiles {
  dir: string;
  cacheFile: string;
  journalFile: string;
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
  const runIds: string[] = [];
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
    // Run ids carry the wall-clock second: keep the two apart.
    await new Promise((r) => setTimeout(r, 1100));
  }
  store.close();
  return {
    dir,
    cacheFile,
    journalFile,
    runIds,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the dashboard over the fixture files. */
export function startUi(files: UiFiles, more: Partial<UiServerOptions> = {}): Promise<UiServer> {
  return startUiServer({
    cacheFile: files.cacheFile,
    journalFile: files.journalFile,
    pollMs: 100,
    ...more,
  });
}

/** Launches headless Chromium. */
export function launch(extra: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extra] });
}

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
