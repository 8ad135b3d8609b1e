// report.html without a browser: self-contained (nothing to fetch), safe against hostile text,
// byte-identical for the same inputs, and small for a million-candle run thanks to downsampling.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/render.ts';
import type { PageChartData } from '../../src/report/html/page-data.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { makeCandles, makeResult } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tlab-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chartData(html: string): PageChartData {
  const m = /<script type="application\/json" id="tlab-data">(.*?)<\/script>/s.exec(html);
  if (m === null) throw new Error('no embedded chart data');
  return JSON.parse(m[1]) as PageChartData;
}

describe('report.html', () => {
  const candles = makeCandles(300);
  const result = makeResult(candles);
  const html = renderHtmlReport(result, { SBER: candles });

  it('is one self-contained file: inline scripts and styles only, and a CSP that forbids fetching', () => {
    // The inlined library is checked for safety by the browser test; here, the page's own parts.
    const own = html.replace(
      /<script>\n!?\/\*![\s\S]*?window\.LightweightCharts=[\s\S]*?<\/script>/,
      '',
    );
    expect(own.length).toBeLessThan(html.length - 100_000);
    const fetching = [
      /<script[^>]*\bsrc=/i,
      /<link\b/i,
      /<img\b/i,
      /<iframe\b/i,
      /@import/i,
      /url\(/i,
      /https?:\/\//i,
    ];
    expect(fetching.filter((re) => re.test(own)).map(String)).toEqual([]);
    expect(html.includes(`content="default-src 'none'; script-src 'unsafe-inline'`)).toBe(true);
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script>/gi)).toHaveLength(3);
  });

  it('embeds the candles, trade markers, equity, benchmark and drawdown', () => {
    const data = chartData(html);
    expect(data.price).toHaveLength(1);
    expect(data.price[0]).toMatchObject({ instrument: 'SBER', candleLabel: '1h', precision: 2 });
    expect(data.price[0].candles).toHaveLength(300);
    expect(data.price[0].candles[0]).toEqual([
      candles[0].time / 1000,
      250,
      candles[0].high,
      candles[0].low,
      candles[0].close,
      candles[0].volume,
    ]);
    expect(data.price[0].markers).toEqual([
      [candles[10].time / 1000, 0, 1],
      [candles[40].time / 1000, 1, 1],
      [candles[60].time / 1000, 2, 1],
      [candles[75].time / 1000, 3, 1],
      [candles[100].time / 1000, 0, 1],
      [candles[160].time / 1000, 1, 1],
      [candles[200].time / 1000, 0, 1],
      [candles[230].time / 1000, 1, 1],
    ]);
    expect(data.equity).toHaveLength(300);
    // Equity and buy-and-hold are returns in percent of the starting cash.
    const benchPct = (result.equity.benchmark[299] / result.startingCash - 1) * 100;
    expect(data.benchmark.at(-1)?.[1]).toBeCloseTo(benchPct, 4);
    expect(data.equity.at(-1)?.[1]).toBeCloseTo((result.metrics.totalReturn as number) * 100, 4);
    expect(Math.max(...data.drawdown.map((p) => p[1]))).toBe(0);
  });

  it('escapes hostile strategy names and parameters', () => {
    const evil = makeResult(candles);
    evil.fingerprint = { ...evil.fingerprint, strategy: '<img src=x onerror=alert(1)>' };
    evil.params = { note: '</script><script>alert(1)</script>' };
    evil.trades[0] = { ...evil.trades[0], instrument: '</script><b>' };
    const page = renderHtmlReport(evil, { '</script><b>': candles });
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>');
    expect(page.match(/<script/gi)).toHaveLength(3);
    expect(chartData(page).price[0].instrument).toBe('</script><b>');
  });

  it('escapes hostile source labels and tickers in the trust section too', () => {
    const evil = makeResult(candles);
    evil.dataSources = [
      {
        instrument: 'SBER',
        instrumentUid: 'uid-SBER',
        interval: '1h',
        sources: ['emulator:synthetic <script>alert(1)</script>'],
      },
    ];
    const page = renderHtmlReport(
      evil,
      { SBER: candles },
      {
        instruments: [
          { ticker: '<b>x</b>', uid: 'u', lot: 1, minPriceIncrement: 0.01, assumed: false },
        ],
      },
    );
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>x');
    expect(page).toContain('emulator:synthetic &lt;script&gt;');
    expect(page.match(/<script/gi)).toHaveLength(3);
  });

  it('warns about synthetic data only when a series is synthetic, through resamples too', () => {
    const series = (sources: string[]) => [
      { instrument: 'SBER', instrumentUid: 'uid-SBER', interval: '1h', sources },
    ];
    const page = (sources: string[] | null): string => {
      const r = makeResult(candles);
      if (sources !== null) r.dataSources = series(sources);
      return renderHtmlReport(r, { SBER: candles });
    };
    expect(page(null)).not.toContain('id="synthetic-banner"');
    expect(page(null)).toContain('not recorded by this run');
    expect(page(['archive:SBER_2024.zip'])).not.toContain('id="synthetic-banner"');
    expect(page(['invest-public-api.tinkoff.ru:443'])).not.toContain('id="synthetic-banner"');
    expect(page(['archive:a.zip', 'resample:emulator:synthetic seed 3'])).toContain(
      'id="synthetic-banner"',
    );
    expect(page([])).toContain('unknown (the feed does not record sources)');
  });

  it('states the rejected orders: none, a count without reasons, or by reason', () => {
    const page = (f: (r: ReturnType<typeof makeResult>) => void): string => {
      const r = makeResult(candles);
      f(r);
      return renderHtmlReport(r, { SBER: candles });
    };
    expect(page(() => {})).toContain('id="rejected-total" data-total=""');
    expect(page((r) => (r.rejectedOrders = 0))).toContain('No order was rejected.');
    const counted = page((r) => (r.rejectedOrders = 7));
    expect(counted).toContain('data-total="7"');
    expect(counted).toContain(
      '<tr data-reason="unclassified"><td>Not classified</td><td>7</td></tr>',
    );
    const byReason = page((r) => {
      r.trades = [];
      r.metrics = { ...r.metrics, trades: 0 };
      r.rejections = { total: 1200, byReason: { 'session-closed': 1200 } };
    });
    expect(byReason).toContain(
      '<tr data-reason="session-closed"><td>Session closed</td><td>1,200</td></tr>',
    );
    expect(byReason).toContain('these rejections are why');
  });

  it('is byte-identical for the same inputs (Candle[] or the same series as a Map)', () => {
    expect(renderHtmlReport(makeResult(makeCandles(300)), { SBER: makeCandles(300) })).toBe(html);
    expect(renderHtmlReport(result, new Map([['SBER', candles]]))).toBe(html);
  });

  it('renders a run with no candles, no trades and no equity points', () => {
    const empty = makeResult(candles);
    empty.trades = [];
    empty.equity = {
      time: new Float64Array(0),
      equity: new Float64Array(0),
      benchmark: new Float64Array(0),
    };
    const page = renderHtmlReport(empty, {});
    expect(page).toContain('id="no-trades"');
    expect(chartData(page)).toEqual({
      price: [],
      equity: [],
      benchmark: [],
      drawdown: [],
      benchmarkDrawdown: [],
    });
  });

  it('still renders its tables when no candles are given', () => {
    const page = renderHtmlReport(result, {});
    expect(page).toContain('No candles were given to the report.');
    expect(page).toContain('<table id="trades"');
    expect(chartData(page).price).toEqual([]);
  });
});

describe('writeReport on a million one-minute candles', () => {
  it('writes all four files, with a report.html under 5 MB whose charts fit their budgets', () => {
    const candles = makeCandles(1_000_000, Date.UTC(2022, 0, 3), 60_000, 0.0005);
    const result = makeResult(candles, 'SBER', 500);
    const out = join(dir, 'big');
    const paths = writeReport(out, result, { SBER: candles });
    expect(readdirSync(out).sort()).toEqual([
      'equity.csv',
      'report.html',
      'result.json',
      'trades.csv',
    ]);
    expect(statSync(paths.reportHtml as string).size).toBeLessThan(5_000_000);
    const data = chartData(readFileSync(paths.reportHtml as string, 'utf8'));
    expect(data.price[0].candleLabel).toBe('1h (aggregated)');
    expect(data.price[0].candles.length).toBeLessThanOrEqual(20_000);
    // Thousands of fills are merged into at most 160 markers that still count every fill.
    const markers = data.price[0].markers;
    expect(2 * result.trades.length).toBeGreaterThan(1000);
    expect(markers.length).toBeLessThanOrEqual(160);
    expect(markers.reduce((n, m) => n + m[2], 0)).toBe(2 * result.trades.length);
    expect(new Set(markers.map((m) => m[1]))).toEqual(new Set([4, 5]));
    for (const key of ['equity', 'benchmark', 'drawdown', 'benchmarkDrawdown'] as const) {
      expect(data[key].length).toBeLessThanOrEqual(5_000);
    }
    expect(statSync(paths.equityCsv).size).toBeGreaterThan(1_000_000 * 20);
  });
});
