// The dashboard's cache, runs, run and compare pages in real headless Chromium against a real
// cache and journal: each loads with no console error and no request off loopback, and shows
// what the journal and the cache hold, formatted as the CLI and the report format it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import type { RunRecord } from '../../src/app/run-record.ts';
import { formatMetric, METRIC_ROWS } from '../../src/report/metric-rows.ts';
import { dashboardSuite } from './dashboard-suite.ts';
import { browserSuite, haveChromium, openHash, watchedPage } from './ui-rig.ts';

describe.skipIf(!haveChromium)(browserSuite('dashboard pages in headless chromium'), () => {
  const s = dashboardSuite();
  let records: RunRecord[];
  beforeAll(() => {
    const j = openJournal(s.files.journalFile, { mustExist: true });
    records = s.files.runIds.map((id) => j.readRun(id));
    j.close();
  });

  it('lists every run as tlab runs does, newest first, and compares two picked runs', async () => {
    const w = await watchedPage(s.browser);
    await openHash(w, s.server.url, '#/runs');
    const ids = await w.page.$$eval('#runs tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-run')),
    );
    expect(ids).toEqual([...s.files.runIds].reverse());
    const equity = await w.page.$$eval('#runs tbody tr', (rows) =>
      rows.map((r) => r.children[8].textContent),
    );
    expect(equity).toEqual([...records].reverse().map((r) => r.metrics!.finalEquity.toFixed(2)));
    expect(await w.page.isDisabled('#compare')).toBe(true);
    for (const id of s.files.runIds) await w.page.check(`input.pick[data-run="${id}"]`);
    await w.page.click('#compare');
    await w.page.waitForSelector('body[data-ready="true"] #parity-verdict');
    expect(await w.page.textContent('#parity-verdict')).toMatch(
      /^Not within tolerance — \d+ differences, matched by decisions$/,
    );
    const frame = w.page.frameLocator('#parity');
    await expect
      .poll(() => frame.locator('#verdict').textContent(), { timeout: 10_000 })
      .toMatch(/\S/);
    expect(await w.page.$$eval('#metrics-A tbody tr', (r) => r.length)).toBe(METRIC_ROWS.length);
    await w.page.screenshot({ path: 'test-artifacts/ui-compare.png', fullPage: true });
    expect(w.offLoopback).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  });

  it("shows one run's fingerprint, metrics and fills, and its HTML report", async () => {
    const r = records[0];
    const w = await watchedPage(s.browser);
    await openHash(w, s.server.url, `#/run/${r.runId}`);
    const metrics = await w.page.$$eval('#metrics tbody tr', (rows) =>
      rows.map((x) => [x.getAttribute('data-metric'), x.children[1].textContent]),
    );
    expect(metrics).toEqual(
      METRIC_ROWS.map((m) => [m.key, formatMetric(m.kind, r.metrics![m.key])]),
    );
    expect(await w.page.$$eval('#fills tbody tr', (rows) => rows.length)).toBe(r.fills.length);
    expect(await w.page.textContent('#facts')).toContain(r.strategySourceHash);
    await w.page.click('#show-report');
    const report = w.page.frameLocator('#report');
    await report.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
    // The replayed report's metrics are the journal's.
    const total = await report
      .locator('#metrics tr[data-metric="totalReturn"] td')
      .nth(1)
      .textContent();
    expect(total).toBe(formatMetric('percent', r.metrics!.totalReturn));
    expect(await report.locator('#trades tbody tr').count()).toBe(r.metrics!.trades);
    expect(w.offLoopback).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  });

  it('shows the cache with its gaps classified, the download command that fills one, and a candle chart', async () => {
    const w = await watchedPage(s.browser);
    await openHash(w, s.server.url, '#/cache');
    const cells = await w.page.$$eval('#series tbody tr td', (td) => td.map((c) => c.textContent));
    expect(cells.slice(0, 5)).toEqual([
      'SBER@TQBR',
      '1m',
      '1,660',
      '2024-03-04T07:00:00Z',
      '2024-03-06T20:49:00Z',
    ]);
    expect(cells[7]).toBe(
      'emulator:synthetic seed 1 (synthetic, fetched ' +
        new Date().toISOString().slice(0, 10) +
        ')',
    );
    expect(cells[6]).toBe('1 never fetched, 1 weekdays fetched empty gaps');
    await w.page.click('button.show-commands');
    expect(
      await w.page.$$eval('#gap-list tbody tr', (rows) =>
        rows.map((r) => Array.from(r.children, (c) => c.textContent)),
      ),
    ).toEqual([
      ['2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z', 'never fetched', '1'],
      ['2024-03-07T00:00:00Z', '2024-03-08T00:00:00Z', 'fetched, no candles on weekdays', '1'],
    ]);
    expect(await w.page.$$eval('#gap-commands code', (c) => c.map((x) => x.textContent))).toEqual([
      'tlab download --instrument SBER@TQBR --interval 1m --from 2024-03-05T00:00:00Z --to 2024-03-06T00:00:00Z',
    ]);
    await w.page.waitForSelector('body[data-chart="1660"]');
    expect(await w.page.$$eval('#candle-chart canvas', (c) => c.length)).toBeGreaterThan(0);
    // A narrower range: the third day only.
    await w.page.fill('#chart-from', '2024-03-06T00:00');
    await w.page.fill('#chart-to', '2024-03-07T00:00');
    await w.page.click('#chart-apply');
    await w.page.waitForSelector('body[data-chart="830"]');
    expect(await w.page.textContent('#chart-title')).toBe('SBER@TQBR 1m: 830 candles, shown as 1m');
    expect(w.offLoopback).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  });

  it('lists the study folders and shows the optimize heatmap and a report as the commands wrote them', async () => {
    const w = await watchedPage(s.browser);
    await openHash(w, s.server.url, '#/studies');
    const folders = await w.page.$$eval('#studies tbody tr', (r) =>
      r.map((x) => x.getAttribute('data-folder')),
    );
    expect(folders.sort()).toEqual(['sma-3-8', 'sma-grid']);
    // The heatmap is shown first: the page optimize --out wrote, byte for byte.
    const study = w.page.frameLocator('#study');
    await study.locator('h1').waitFor();
    const written = readFileSync(
      path.join(s.files.studiesDir, 'sma-grid', 'optimize.html'),
      'utf8',
    );
    const served = await (
      await fetch(`${s.server.url}/studies/page?dir=sma-grid&file=optimize.html`)
    ).text();
    expect(served).toBe(written);
    expect(await study.locator('svg, table').count()).toBeGreaterThan(0);
    await w.page.click('tr[data-folder="sma-3-8"] button.study-page');
    await w.page
      .frameLocator('#study')
      .locator('body[data-ready="true"]')
      .waitFor({ timeout: 20_000 });
    // Nothing outside the scanned folders and the page names: not the journal, not a path out.
    for (const q of [
      'dir=sma-grid&file=study.json',
      'dir=..&file=report.html',
      'dir=sma-3-8/../sma-grid&file=optimize.html',
    ])
      expect((await fetch(`${s.server.url}/studies/page?${q}`)).status, q).toBe(404);
    await w.page.screenshot({ path: 'test-artifacts/ui-studies.png' });
    expect(w.offLoopback).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  });
});
