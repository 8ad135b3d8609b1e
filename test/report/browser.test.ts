// report.html in a real headless browser (Debian's chromium through playwright-core): the page
// loads from file:// with every non-file request blocked, logs no errors, draws all three charts,
// and shows the expected table rows. A screenshot goes to test-artifacts/report.png (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../src/report/metric-rows.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { makeCandles, makeResult } from './fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(
    `report browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)\n`,
  );
}

/** Per chart: how many canvases it has, their total area, and distinct colours sampled. */
async function chartPaint(
  page: Page,
  id: string,
): Promise<{ canvases: number; area: number; colours: number }> {
  return page.evaluate((chartId) => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>(`#${chartId} canvas`));
    const colours = new Set<string>();
    let area = 0;
    // Pixels are read through a scratch canvas so the probe leaves the charts' canvases alone.
    const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    for (const c of canvases) {
      area += c.width * c.height;
      if (scratch === null || c.width === 0 || c.height === 0) continue;
      scratch.canvas.width = c.width;
      scratch.canvas.height = c.height;
      scratch.drawImage(c, 0, 0);
      const px = scratch.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < px.length; i += 4 * 97)
        colours.add(`${px[i]},${px[i + 1]},${px[i + 2]},${px[i + 3]}`);
    }
    return { canvases: canvases.length, area, colours: colours.size };
  }, id);
}

// The reason rides in the title, so the run's skip summary (test/reporters/skip-reasons.ts) says it.
const suiteTitle = `report.html in headless chromium${haveChromium ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`;
describe.skipIf(!haveChromium)(suiteTitle, () => {
  let browser: Browser;
  let dir: string;
  const candles = makeCandles(300);
  const result = makeResult(candles);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tlab-report-'));
    writeReport(dir, result, { SBER: candles });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report from file:// with every other request blocked and errors collected. */
  async function open(
    file: string,
  ): Promise<{ page: Page; blocked: string[]; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const blocked: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    return { page, blocked, problems };
  }

  async function expectChartsDrawn(page: Page): Promise<void> {
    for (const id of ['price-chart', 'equity-chart', 'drawdown-chart']) {
      const paint = await chartPaint(page, id);
      expect(paint.canvases, id).toBeGreaterThan(0);
      expect(paint.area, id).toBeGreaterThan(0);
      // A blank canvas has one colour; axes, grid, candles and lines give many.
      expect(paint.colours, id).toBeGreaterThan(5);
    }
  }

  it('loads offline without errors, draws its charts and lists metrics and trades', async () => {
    const { page, blocked, problems } = await open(join(dir, 'report.html'));
    await expectChartsDrawn(page);

    const metricKeys = await page.$$eval('#metrics tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-metric')),
    );
    expect(metricKeys).toEqual([...METRIC_KEYS]);
    const totalReturn = await page.textContent('#metrics tr[data-metric="totalReturn"]');
    expect(totalReturn).toContain('-0.14%');
    expect(totalReturn).toContain('2.84%');

    const tradeRows = await page.$$eval('#trades tbody tr', (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)),
    );
    expect(tradeRows).toHaveLength(result.trades.length);
    expect(tradeRows[1].slice(1, 4)).toEqual(['SBER', 'short', '1']);
    expect(tradeRows[0][4]).toBe('2024-01-08T17:00:00Z');

    expect(await page.textContent('#price-label')).toBe('SBER, 1h candles');
    expect(await page.isHidden('#instrument')).toBe(true);
    expect(await page.textContent('#chart-error')).toBe('');

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/report.png', fullPage: true });

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a long two-instrument run from aggregated candles and switches instruments', async () => {
    const start = Date.UTC(2024, 0, 8, 7);
    const sber = makeCandles(60_000, start, 60_000, 0.001);
    const gazp = makeCandles(60_000, start, 60_000, 0.002);
    const a = makeResult(sber, 'SBER', 300);
    const b = makeResult(gazp, 'GAZP', 300);
    const trades = [...a.trades, ...b.trades].sort((x, y) => x.entryTime - y.entryTime);
    const both = {
      ...a,
      trades,
      universe: { ...a.universe, instruments: ['SBER', 'GAZP'], intervals: ['1m'] },
    };
    writeReport(
      join(dir, 'two'),
      both,
      new Map([
        ['SBER', sber],
        ['GAZP', gazp],
      ]),
    );

    const { page, blocked, problems } = await open(join(dir, 'two', 'report.html'));
    await expectChartsDrawn(page);
    expect(await page.textContent('#price-label')).toBe('SBER, 15m (aggregated) candles');
    expect(await page.$$eval('#instrument option', (o) => o.map((x) => x.textContent))).toEqual([
      'SBER',
      'GAZP',
    ]);
    await page.selectOption('#instrument', '1');
    expect(await page.textContent('#price-label')).toBe('GAZP, 15m (aggregated) candles');
    // Let the chart repaint (two animation frames) before probing its pixels again.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await expectChartsDrawn(page);
    expect(await page.$$eval('#trades tbody tr', (r) => r.length)).toBe(trades.length);
    await page.screenshot({ path: 'test-artifacts/report-two-instruments.png', fullPage: true });

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
