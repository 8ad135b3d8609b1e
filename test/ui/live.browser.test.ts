// The live page against a real `tlab paper` process trading on its in-process emulator (a
// replayed morning at high speed): a fill shows on the page within a second of the journal
// recording it, positions, equity and the stream state follow, and the kill switch (behind its
// confirmation) sends SIGINT to the run's recorded pid: the run stops cleanly, exits 0, the
// journal records it as stopped and the page says so. No console error, nothing off loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import { openJournalReader } from '../../src/data/journal/journal-reader.ts';
import { formatMoney } from '../../src/report/format.ts';
import type { UiServer } from '../../src/ui/server/ui-server.ts';
import { ROOT } from '../cli/run-cli.ts';
import { START } from '../live/session/session-rig.ts';
import {
  CHROMIUM,
  haveChromium,
  launch,
  openHash,
  startUi,
  uiFiles,
  watchedPage,
  type UiFiles,
} from './ui-rig.ts';

/** The id of the paper run in `file` once it has started trading (the fixture's backtests are older). */
async function paperRun(file: string): Promise<string> {
  for (let k = 0; k < 600; k++) {
    await new Promise((r) => setTimeout(r, 100));
    const j = openJournal(file, { mustExist: true });
    try {
      const run = j.listRuns({ mode: 'paper' })[0];
      if (run !== undefined && run.decisions > 0) return run.runId;
    } finally {
      j.close();
    }
  }
  throw new Error('the paper run made no decision in time');
}

const WATCH_MS = 20;

interface FillWatcher {
  firstSeen: Map<number, number>;
  stop(): void;
}

/** When each fill of `runId` first shows in the journal, polled every WATCH_MS by a reader of its own. */
function watchFills(file: string, runId: string): FillWatcher {
  const reader = openJournalReader(file);
  const q = reader.db.prepare(
    "SELECT seq FROM order_events WHERE run_id = ? AND seq > ? AND status IN ('filled', 'partially-filled')",
  );
  const firstSeen = new Map<number, number>();
  let last = -1;
  const timer = setInterval(() => {
    for (const { seq } of q.all(runId, last) as { seq: number }[]) {
      firstSeen.set(seq, Date.now());
      last = Math.max(last, seq);
    }
  }, WATCH_MS);
  return {
    firstSeen,
    stop() {
      clearInterval(timer);
      reader.close();
    },
  };
}

const title = `live page over a paper run${haveChromium ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`;
describe.skipIf(!haveChromium)(title, () => {
  let files: UiFiles;
  let server: UiServer;
  let browser: Browser;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';
  let watcher: FillWatcher | undefined;

  beforeAll(async () => {
    files = await uiFiles();
    server = await startUi(files);
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    watcher?.stop();
    if (child?.exitCode === null) child.kill('SIGKILL');
    await browser?.close();
    await server?.close();
    files?.remove();
  });

  it('shows fills within a second and stops the run with the kill switch', async () => {
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/tlab.mjs'),
        'paper',
        ...['--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=4'],
        ...['--instrument', 'SBER', '--interval', '1m', '--warmup', '1h', '--emulator'],
        ...['--replay-from', new Date(START).toISOString(), '--speed', '240'],
        ...['--db', path.join(files.dir, 'paper-cache.sqlite'), '--journal', files.journalFile],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
    const runId = await paperRun(files.journalFile);
    watcher = watchFills(files.journalFile, runId);

    const w = await watchedPage(browser);
    await openHash(w, server.url, '#/live');
    // The one running run: the live page goes straight to it.
    await w.page.waitForSelector(`h1:text("Live: ${runId}")`, { timeout: 10_000 });
    await w.page.waitForSelector('body[data-ready="true"][data-live="true"]');
    await w.page.waitForSelector('#process.alive');

    // A fill that happens while the page watches appears within a second of being journaled.
    const row = w.page.locator('#fills tbody tr[data-from="change"]').last();
    await row.waitFor({ timeout: 60_000 });
    const seq = Number(await row.getAttribute('data-seq'));
    const seen = Number(await row.getAttribute('data-seen'));
    const journaled = watcher.firstSeen.get(seq);
    expect(journaled, 'the test saw the fill in the journal').toBeDefined();
    // The watcher polls every 20 ms, so it may see the fill up to 20 ms late: leave that margin.
    expect(seen - journaled!).toBeLessThan(1000 - WATCH_MS);
    // The row is the journal's fill, written as the CLI writes money.
    const j = openJournal(files.journalFile, { mustExist: true });
    const ev = j.readSoFar(runId).events.find((e) => e.seq === seq)!;
    j.close();
    expect(ev.update.status).toBe('filled');
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe('SBER');
    expect(cells[5]).toBe(formatMoney((ev.update as { commission: number }).commission));
    expect(await w.page.textContent('#stream')).toBe('connected');
    expect(await w.page.textContent('#outcome')).toBe('running');
    expect(await w.page.textContent('#equity')).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);

    // The kill switch asks first; cancelling sends nothing.
    await w.page.click('#kill');
    await w.page.click('#kill-cancel');
    await w.page.waitForTimeout(300);
    expect(child.exitCode).toBeNull();
    expect(await w.page.textContent('#kill-result')).toBe('');
    await w.page.click('#kill');
    expect(await w.page.textContent('#kill-run-id')).toBe(runId);
    await w.page.click('#kill-confirm');
    await w.page.waitForSelector('#kill-result:text("SIGINT sent")');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGINT: stopping');
    expect(stdout).toContain('Final equity');
    const after = openJournal(files.journalFile, { mustExist: true });
    expect(after.readRun(runId).outcome).toBe('stopped');
    after.close();
    // The page follows the journal to the end.
    await w.page.waitForFunction(
      () => document.getElementById('outcome')?.textContent === 'stopped',
      undefined,
      {
        timeout: 5000,
      },
    );
    expect(await w.page.textContent('#killed')).toMatch(/^engaged .*SIGINT received$/);
    await w.page.screenshot({ path: 'test-artifacts/ui-live.png', fullPage: true });
    expect(w.offLoopback).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  }, 120_000);
});
