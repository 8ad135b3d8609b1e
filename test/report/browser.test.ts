// report.html in a real headless browser (Debian's chromium through playwright-core): the page
// loads from file:// with every non-file request blocked, logs no errors, draws all three charts,
// and every number it shows (metrics, trades, rejections, calendar returns, assumptions) is the
// result's, formatted as the shared formatters write it. A real engine run is checked against its
// own result.json. Screenshots go to test-artifacts/ (git-ignored).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/engine/index.ts';
import type { BacktestResult } from '../../src/engine/result.ts';
import { formatInstant, formatMoney, formatPercent } from '../../src/report/format.ts';
import type { ReportInstrument } from '../../src/report/instrument-specs.ts';
import type { ResultJson } from '../../src/report/json.ts';
import { formatMetric, METRIC_KEYS, METRIC_ROWS } from '../../src/report/metric-rows.ts';
import { periodReturns } from '../../src/report/period-returns.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { rsiReversion } from '../../src/strategies/index.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { CHROMIUM, haveChromium, launchChromium } from './chromium.ts';
import { LOT, makeCandles, makeResult } from './fixture.ts';

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

const SPECS: ReportInstrument[] = [
  { ticker: 'SBER', uid: 'uid-SBER', lot: LOT, minPriceIncrement: 0.01, assumed: false },
];

/** The fixture with what the kernel and the cache will add: rejections and data sources. */
function fixtureResult(candles: ReturnType<typeof makeCandles>): BacktestResult {
  const r = makeResult(candles);
  r.rejections = { total: 4, byReason: { 'insufficient-cash': 3, 'short-not-allowed': 1 } };
  r.dataSources = [
    {
      instrument: 'SBER',
      instrumentUid: 'uid-SBER',
      interval: '1h',
      sources: ['emulator:synthetic seed 1'],
    },
  ];
  return r;
}

/** Text of every cell of a table's body rows. */
async function cells(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
}

// The reason rides in the title, so the run's skip summary (test/reporters/skip-reasons.ts) says it.
const suiteTitle = `report.html in headless chromium${haveChromium ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`;
describe.skipIf(!haveChromium)(suiteTitle, () => {
  let browser: Browser;
  let dir: string;
  const candles = makeCandles(300);
  const result = fixtureResult(candles);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tlab-report-'));
    writeReport(dir, result, { SBER: candles }, { instruments: SPECS });
    browser = await launchChromium();
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
    expect(tradeRows[0][4]).toBe('2024-01-08 17:00');

    expect(await page.textContent('#price-label')).toBe('SBER, 1h candles');
    expect(await page.isHidden('#instrument')).toBe(true);
    expect(await page.textContent('#chart-error')).toBe('');

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/report.png', fullPage: true });
    // The viewport alone (header, metrics, assumptions, rejections, the top of the price chart)
    // is what README shows as docs/report.png.
    await page.screenshot({ path: 'test-artifacts/report-top.png' });

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the trust facts, the per-trade figures and the calendar returns as the result has them', async () => {
    const { page, blocked, problems } = await open(join(dir, 'report.html'));

    expect(await page.textContent('#synthetic-banner')).toContain('SBER 1h is generated candles');
    expect(await page.getAttribute('#rejected-total', 'data-total')).toBe('4');
    expect(await cells(page, '#rejection-reasons')).toEqual([
      ['Insufficient cash', '3'],
      ['Short selling not allowed', '1'],
    ]);
    const facts = await page.$$eval('#assumptions dt', (dts) =>
      dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    const fact = (term: string): string => facts.find((f) => f[0] === term)?.[1] ?? '';
    expect(fact('Fee')).toBe('0.05% of traded value per fill (0.0005)');
    expect(fact('Slippage')).toMatch(/^none/);
    expect(fact('Fill model')).toMatch(/^next-bar: /);
    expect(fact('SBER')).toBe('lot 10, price step 0.01');
    expect(fact('Data SBER 1h')).toBe('emulator:synthetic seed 1');
    // Not folded: the assumptions are visible without a click.
    expect(await page.isVisible('#assumptions dl')).toBe(true);

    // Every metric cell is the result's value through the shared formatter.
    const metricCells = await cells(page, '#metrics');
    expect(metricCells).toEqual(
      METRIC_ROWS.map((m) => [
        m.label,
        formatMetric(m.kind, result.metrics[m.key]),
        formatMetric(m.kind, result.benchmark[m.key]),
      ]),
    );

    const trades = await cells(page, '#trades');
    trades.forEach((row, i) => {
      const t = result.trades[i];
      expect(row[4]).toBe(formatInstant(t.entryTime));
      expect(row[6]).toBe(formatInstant(t.exitTime));
      expect(row[9]).toBe(formatMoney(t.pnl));
      expect(row[10]).toBe(`${((t.pnl / (t.entryPrice * t.lots * LOT)) * 100).toFixed(2)}%`);
      expect(row[13]).toBe(formatMoney(t.commission));
    });
    // MAE <= 0 <= MFE on every row.
    for (const row of trades) {
      expect(Number(row[11].replace('%', ''))).toBeLessThanOrEqual(0);
      expect(Number(row[12].replace('%', ''))).toBeGreaterThanOrEqual(0);
    }

    const years = periodReturns(result.equity, result.startingCash);
    const yearRow = (await cells(page, '#period-returns'))[0];
    expect(yearRow[0]).toBe('2024');
    expect(yearRow[1]).toBe(formatPercent(years[0].months[0]));
    expect(yearRow[13]).toBe(formatPercent(result.metrics.totalReturn));
    expect(yearRow[14]).toBe(formatPercent(result.benchmark.totalReturn));

    const bars = await page.$$eval('#pnl-histogram rect', (r) =>
      r.map((x) => Number(x.getAttribute('data-count'))),
    );
    expect(bars.reduce((a, b) => a + b, 0)).toBe(result.trades.length);

    expect(await page.textContent('#indicator-legend')).toBe('SMA 10 (fast)SMA 30 (slow)');

    // The charts' axis and crosshair formatters write numbers and times as the tables do.
    const t = Date.UTC(2024, 2, 5, 9, 7);
    const fmt = await page.evaluate((ms) => {
      const f = (window as unknown as { tlabReport: Record<string, (...a: unknown[]) => string> })
        .tlabReport;
      return {
        money: f.grouped(1234567.891, 2),
        negative: f.grouped(-98765.4, 2),
        tiny: f.grouped(-0.001, 2),
        instant: f.instant(ms / 1000),
        dayTick: f.tickMark(ms / 1000, 2),
        yearTick: f.tickMark(ms / 1000, 0),
        timeTick: f.tickMark(ms / 1000, 3),
      };
    }, t);
    expect(fmt).toEqual({
      money: formatMoney(1234567.891),
      negative: formatMoney(-98765.4),
      tiny: formatMoney(-0.001),
      instant: formatInstant(t),
      dayTick: '2024-03-05',
      yearTick: '2024-03-05',
      timeTick: formatInstant(t),
    });
    // The price chart has panes below the candles (position), so more canvases than one pane.
    expect((await chartPaint(page, 'price-chart')).canvases).toBeGreaterThan(
      (await chartPaint(page, 'drawdown-chart')).canvases,
    );

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('matches the result.json of a real engine run, with the RSI pane of rsi-reversion', async () => {
    const sber = instrument({ ticker: 'SBER', lot: 10 });
    const start = Date.UTC(2024, 0, 9, 7);
    const walk = randomWalk({
      seed: 5,
      count: 4000,
      start,
      interval: '1h',
      startPrice: 250,
      vol: 0.006,
    });
    const params = rsiReversion.parse({ period: 10, lots: 20 });
    const run = await runBacktest({
      strategy: rsiReversion.create(params as Record<string, number>),
      strategyName: rsiReversion.name,
      strategySource: rsiReversion.source(),
      params,
      instruments: [sber],
      interval: '1h',
      range: { from: start, to: start + 4000 * 3_600_000 },
      feed: new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, walk),
      startingCash: 1_000_000,
    });
    expect(run.trades.length).toBeGreaterThan(20);
    const specs = [{ ...sber, assumed: true }];
    const out = join(dir, 'engine');
    writeReport(out, run, { SBER: walk }, { instruments: specs });
    const json = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultJson;

    const { page, blocked, problems } = await open(join(out, 'report.html'));
    await expectChartsDrawn(page);
    expect(await page.$('#synthetic-banner')).toBeNull();
    const metricCells = await cells(page, '#metrics');
    expect(metricCells.map((r) => r[1])).toEqual(
      METRIC_ROWS.map((m) => formatMetric(m.kind, json.metrics[m.key])),
    );
    const trades = await cells(page, '#trades');
    expect(trades).toHaveLength(json.trades.length);
    trades.forEach((row, i) => {
      expect(row[9]).toBe(formatMoney(json.trades[i].pnl));
      expect(row[4]).toBe(formatInstant(Date.parse(json.trades[i].entryTime)));
    });
    // The years compound to the run's total return.
    const yearTotals = (await cells(page, '#period-returns')).map((r) => r[13]);
    expect(yearTotals).toHaveLength(1);
    expect(yearTotals[0]).toBe(formatPercent(json.metrics.totalReturn));
    // The drawdown pane's deepest point is the run's max drawdown.
    const data = JSON.parse((await page.textContent('#tlab-data')) ?? '{}');
    const deepest = Math.min(...data.drawdown.map((p: [number, number]) => p[1]));
    expect(deepest).toBeCloseTo(-(json.metrics.maxDrawdown as number) * 100, 3);
    // The equity pane ends at the total return.
    expect(data.equity.at(-1)[1]).toBeCloseTo((json.metrics.totalReturn as number) * 100, 3);
    expect(data.price[0].panes[0].title).toBe('RSI 10');
    // Exposure ends at the open position's value over the final equity (0 when flat).
    const lastClose = walk.close[walk.length - 1];
    const openLots = run.openPositions?.[0]?.lots ?? 0;
    const finalExposure = (openLots * 10 * lastClose * 100) / run.metrics.finalEquity;
    expect(data.price[0].exposure.at(-1)[1]).toBeCloseTo(finalExposure, 2);
    expect(Math.max(...data.price[0].exposure.map((p: [number, number]) => p[1]))).toBeGreaterThan(
      0,
    );
    expect(await page.textContent('#indicator-legend')).toBe('RSI 10 (own pane)');
    expect(await page.textContent('#assumptions dd[data-instrument="SBER"]')).toBe(
      'lot 10, price step 0.01 (assumed: no instrument spec in the cache)',
    );
    // Today's kernel counts rejections without reasons; the page shows its count as it is.
    expect(await page.getAttribute('#rejected-total', 'data-total')).toBe(
      String(run.rejections?.total ?? run.rejectedOrders),
    );
    // Axis labels and tooltips group thousands and write times as the tables do.
    await page.screenshot({ path: 'test-artifacts/report-engine.png', fullPage: true });

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
