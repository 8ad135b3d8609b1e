/**
 * @module `report.html`: one self-contained page (no network at view time, enforced by its CSP)
 * with the price chart and trade markers, equity against buy-and-hold, drawdown, the metrics table
 * and the trades table. lightweight-charts' standalone build and the page script are inlined; the
 * chart data is embedded as JSON. The same inputs give byte-identical pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BacktestResult, RoundTrip } from '../../engine/result.ts';
import { getStrategy } from '../../strategies/index.ts';
import type { StrategyChart } from '../../strategies/chart-spec.ts';
import { findInstrument } from '../instrument-specs.ts';
import type { ReportInstrument } from '../instrument-specs.ts';
import { fingerprintId } from '../json.ts';
import { excursions, tradeReturnPct } from '../trade-excursions.ts';
import type { TradeExcursion } from '../trade-excursions.ts';
import { columns } from './downsample.ts';
import { assumptionsHtml, rejectionsHtml, syntheticBannerHtml } from './facts-html.ts';
import { buildChartData, seriesFor } from './page-data.ts';
import type { CandlesByInstrument, PageChartData } from './page-data.ts';
import { returnsSectionHtml } from './returns-html.ts';
import { escapeHtml, headerHtml, metricsTableHtml, tradesTableHtml } from './tables.ts';
import { MAX_MARKERS } from './trade-markers.ts';

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** Price candles across all instruments before re-aggregation kicks in (default 20000). */
  maxPriceCandles?: number;
  /** Points per equity/drawdown line (default 5000; min/max per bucket are kept). */
  maxLinePoints?: number;
  /** Round trips listed and marked (default 2000; the most recent ones). */
  maxTradeRows?: number;
  /** Markers per price chart before neighbouring fills are merged (default 160). */
  maxMarkers?: number;
  /** Lot and price step of the run's instruments (the page says "assumed" where they were). */
  instruments?: readonly ReportInstrument[];
  /**
   * The indicators to draw; default: the chart.ts declaration of the registered strategy the
   * result names (none for a strategy outside the registry). null draws none.
   */
  chart?: StrategyChart | null;
}

const defaults = {
  maxPriceCandles: 20_000,
  maxLinePoints: 5_000,
  maxTradeRows: 2_000,
  maxMarkers: MAX_MARKERS,
};

/** The registered strategy's declared chart for the result's params, or null. */
function registeredChart(result: BacktestResult): StrategyChart | null {
  try {
    return getStrategy(result.fingerprint.strategy).chart(result.params);
  } catch {
    // Not a built-in strategy (a notebook's own), or params the registry would not accept.
    return null;
  }
}

function tradeStats(
  shown: readonly RoundTrip[],
  candles: CandlesByInstrument,
  specs: readonly ReportInstrument[] | undefined,
): TradeExcursion[] {
  const cols = new Map<string, ReturnType<typeof columns> | undefined>();
  const colsOf = (t: RoundTrip): ReturnType<typeof columns> | undefined => {
    if (!cols.has(t.instrument)) {
      const s = seriesFor(candles, t.instrument) ?? seriesFor(candles, t.instrumentUid);
      cols.set(t.instrument, s === undefined ? undefined : columns(s));
    }
    return cols.get(t.instrument);
  };
  return shown.map((t) => ({
    returnPct: tradeReturnPct(
      t,
      (findInstrument(specs, t.instrument) ?? findInstrument(specs, t.instrumentUid))?.lot,
    ),
    ...excursions(t, colsOf(t)),
  }));
}

/** Content-Security-Policy of the page: inline code only, nothing may be fetched. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

let assets: { library: string; client: string; css: string } | undefined;

/** Reads the inlined files once per process (lightweight-charts' standalone build, script, CSS). */
function loadAssets(): { library: string; client: string; css: string } {
  if (assets === undefined) {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve('lightweight-charts/package.json'));
    const lib = join(pkg, 'dist', 'lightweight-charts.standalone.production.js');
    assets = {
      library: readFileSync(lib, 'utf8'),
      client: readFileSync(new URL('./assets/client.js', import.meta.url), 'utf8'),
      css: readFileSync(new URL('./assets/report.css', import.meta.url), 'utf8'),
    };
  }
  return assets;
}

/** Makes code safe inside an inline `<script>`: no early `</script>` and no HTML comment opener. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON that can sit inside `<script type="application/json">` whatever strings it carries. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function priceSection(data: PageChartData): string {
  if (data.price.length === 0) {
    return '<section id="price"><h2>Price</h2><p class="muted">No candles were given to the report.</p></section>';
  }
  return [
    '<section id="price">',
    '<h2>Price <span id="price-label" class="muted"></span> <select id="instrument" hidden></select></h2>',
    '<div id="price-chart" class="chart"></div>',
    '<p class="legend">▲ buys (long entries, short exits), ▼ sells (long exits, short entries), at the candle containing the fill; ' +
      'where fills would overlap, one marker per direction carries their count (×N). Volume in lots at the bottom; below, the position in lots and its value in % of equity (when the lot size is known).</p>',
    '<p id="indicator-legend" class="legend"></p>',
    '</section>',
  ].join('\n');
}

function legend(strategyColour: string, noteId: string): string {
  return (
    `<p class="legend"><span class="swatch" style="background:${strategyColour}"></span>Strategy` +
    `<span class="swatch" style="background:#8c959f"></span>Buy &amp; hold <span id="${noteId}"></span></p>`
  );
}

function chartSections(): string {
  return [
    `<section id="equity"><h2>Equity <span class="muted">(return in % of starting cash)</span></h2>${legend('#0969da', 'equity-scale')}<div id="equity-chart" class="chart"></div></section>`,
    `<section id="drawdown"><h2>Drawdown <span class="muted">(% below the running peak)</span></h2>${legend('#cf222e', 'drawdown-scale')}<div id="drawdown-chart" class="chart small"></div></section>`,
    '<p id="chart-error"></p>',
  ].join('\n');
}

/**
 * The whole page as text. `candles` are the price series per instrument (keyed by ticker or uid);
 * long series are re-aggregated for the chart (the tables and CSVs stay exact).
 * @example
 * writeFileSync('report.html', renderHtmlReport(result, { SBER: candles }));
 */
export function renderHtmlReport(
  result: BacktestResult,
  candles: CandlesByInstrument,
  options: HtmlReportOptions = {},
): string {
  const o = { ...defaults, ...options };
  const { library, client, css } = loadAssets();
  const shown = result.trades.slice(Math.max(0, result.trades.length - o.maxTradeRows));
  const budget = {
    maxPriceCandles: o.maxPriceCandles,
    maxLinePoints: o.maxLinePoints,
    maxMarkers: o.maxMarkers,
  };
  const chart = o.chart === undefined ? registeredChart(result) : o.chart;
  const ctx = { trades: shown, budget, chart, instruments: o.instruments };
  const data = buildChartData(result, candles, ctx);
  const stats = tradeStats(shown, candles, o.instruments);
  const title = `${result.fingerprint.strategy} · ${result.universe.instruments.join(', ')} · tinvest-lab`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${css}</style>`,
    '</head>',
    '<body>',
    syntheticBannerHtml(result),
    '<div class="top">',
    '<div class="left">',
    headerHtml(result),
    assumptionsHtml(result, o.instruments),
    rejectionsHtml(result),
    '</div>',
    `<section id="summary"><h2>Metrics</h2>\n${metricsTableHtml(result)}\n</section>`,
    '</div>',
    priceSection(data),
    chartSections(),
    returnsSectionHtml(result),
    `<section id="round-trips"><h2>Round trips</h2>\n<p class="legend">Return: net P&amp;L over entry value (price × lots × lot). MAE/MFE: worst and best price excursion while held, in % of the entry price.</p>\n<div class="scroll">${tradesTableHtml(shown, result.trades.length, stats)}</div>\n</section>`,
    `<footer>tinvest-lab report, run ${escapeHtml(fingerprintId(result.fingerprint))}. All times are UTC, written YYYY-MM-DD HH:MM. ` +
      'Charts by TradingView Lightweight Charts™ (Apache-2.0), inlined.</footer>',
    `<script type="application/json" id="tlab-data">${inlineJson(data)}</script>`,
    `<script>\n${inlineScript(library)}\n</script>`,
    `<script>\n${inlineScript(client)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
