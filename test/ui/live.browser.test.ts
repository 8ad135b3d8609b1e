// The live page against a real `tlab paper` process trading on its in-process emulator (a
// replayed morning at high speed): a fill shows on the page within a second of the journal
// recording it, positions, equity and the stream state follow, and the kill switch (behind its
// confirmation) sends SIGINT to the run's recorded pid: the run stops cleanly, exits 0, the
// journal records it as stopped and the page says so. No console error, nothing off loopback.
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import { openJournalReader } from '../../src/data/journal/journal-reader.ts';
import { formatMoney } from '../../src/report/format.ts';
import { startPaper, type PaperChild } from './paper-child.ts';
import { dashboardSuite } from './dashboard-suite.ts';
import { browserSuite, haveChromium, openHash, watchedPage } from './ui-rig.ts';

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

describe.skipIf(!haveChromium)(browserSuite('live page over a paper run'), () => {
  const s = dashboardSuite();
  let paper: PaperChild | undefined;
  let watcher: FillWatcher | undefined;
  afterAll(() => {
    watcher?.stop();
    if (paper?.child.exitCode === null) paper.child.kill('SIGKILL');
  });

  it('shows fills within a second and stops the run with the kill switch', async () => {
    paper = startPaper(s.files.dir, s.files.journalFile);
    const { child, exited, out } = paper;
    const runId = await paper.runId();
    watcher = watchFills(s.files.journalFile, runId);
    // A run until stopped has no end yet: the run list still answers, and says so.
    const listed = await fetch(`${s.server.url}/api/runs`).then((r) => r.json());
    const mine = listed.runs.find((r: { runId: string }) => r.runId === runId);
    expect(mine.period).toMatch(/ → until stopped$/);
    expect(mine.outcome).toBe('running');

    const w = await watchedPage(s.browser);
    await openHash(w, s.server.url, '#/live');
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
    const j = openJournal(s.files.journalFile, { mustExist: true });
    const ev = j.readSoFar(runId).events.find((e) => e.seq === seq)!;
    j.close();
    expect(ev.update.status).toBe('filled');
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe('SBER');
    expect(cells[5]).toBe(formatMoney((ev.update as { commission: number }).commission));
    expect(await w.page.textContent('#stream')).toBe('connected');
    expect(await w.page.textContent('#guard-limits')).toBe(
      'maxPositionLots=5 flattenOnDailyLoss=false',
    );
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
    expect(out.stderr).toContain('SIGINT: stopping');
    expect(out.stdout).toContain('Final equity');
    const after = openJournal(s.files.journalFile, { mustExist: true });
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
