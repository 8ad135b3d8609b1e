// The strategy's indicators on the report: each built-in strategy declares its lines in chart.ts,
// the registry hands them out for a result's params, and the report places the values the engine's
// own indicators give on the chart candles (the last value of each aggregated bucket).
import { describe, expect, it } from 'vitest';
import { indicators } from '../../src/engine/index.ts';
import { downsampleCandles } from '../../src/report/html/downsample.ts';
import { indicatorData } from '../../src/report/html/indicator-series.ts';
import type { PageChartData } from '../../src/report/html/page-data.ts';
import { renderHtmlReport } from '../../src/report/html/render.ts';
import { getStrategy, NO_CHART } from '../../src/strategies/index.ts';
import { makeCandles, makeResult } from './fixture.ts';

function chartData(html: string): PageChartData {
  const m = /<script type="application\/json" id="tlab-data">(.*?)<\/script>/s.exec(html);
  if (m === null) throw new Error('no embedded chart data');
  return JSON.parse(m[1]) as PageChartData;
}

describe('strategy chart declarations', () => {
  it('name the lines each strategy trades on, from its parameters', () => {
    const sma = getStrategy('sma-cross').chart({ fast: 5, slow: 12 });
    expect(sma.overlays.map((l) => [l.label, l.input])).toEqual([
      ['SMA 5 (fast)', 'close'],
      ['SMA 12 (slow)', 'close'],
    ]);
    expect(sma.panes).toEqual([]);
    const brk = getStrategy('breakout').chart();
    expect(brk.overlays.map((l) => [l.label, l.input])).toEqual([
      ['Highest high 20 (entry)', 'high'],
      ['Lowest low 10 (exit)', 'low'],
    ]);
    const rsi = getStrategy('rsi-reversion').chart();
    expect(rsi.overlays).toEqual([]);
    expect(rsi.panes.map((p) => [p.title, p.levels?.map((l) => l.value)])).toEqual([
      ['RSI 14', [30, 50]],
    ]);
    // The overbought level only matters when the strategy also goes short.
    const short = getStrategy('rsi-reversion').chart({ short: true });
    expect(short.panes[0].levels?.map((l) => l.label)).toEqual(['oversold', 'exit', 'overbought']);
  });

  it('reject parameters the strategy would reject', () => {
    expect(() => getStrategy('sma-cross').chart({ fast: 30, slow: 10 })).toThrow(/fast/);
  });
});

describe('indicator lines on the chart', () => {
  const candles = makeCandles(400);
  it('are the SMA of the closes, exact to the cent sums, from the first full window', () => {
    const chart = downsampleCandles(candles, 5000).candles;
    const decl = getStrategy('sma-cross').chart({ fast: 3, slow: 10 });
    const data = indicatorData(decl, candles, chart, 4);
    const fast = data.overlays[0].points;
    expect(fast).toHaveLength(400 - 2);
    expect(fast[0][0]).toBe(candles[2].time / 1000);
    for (const [k, [, v]] of fast.entries()) {
      const i = k + 2;
      const cents = [0, 1, 2].reduce((s, d) => s + Math.round(candles[i - d].close * 100), 0);
      expect(v).toBe(Number((cents / 300).toFixed(4)));
    }
  });

  it('keep the value after the last candle of each aggregated bucket', () => {
    const minutes = makeCandles(3000, Date.UTC(2024, 0, 8, 7), 60_000, 0.001);
    const d = downsampleCandles(minutes, 300);
    expect(d.bucketMs).toBe(15 * 60_000);
    const data = indicatorData(
      getStrategy('breakout').chart({ entry: 30, exit: 10 }),
      minutes,
      d.candles,
      4,
    );
    const high = data.overlays[0].points;
    const ref = indicators.highest(30);
    const after = new Map<number, number>();
    for (const c of minutes) {
      const v = ref.nextValue(c.high);
      const bucket = Math.floor(c.time / (15 * 60_000)) * 15 * 60;
      if (v !== undefined) after.set(bucket, v);
    }
    expect(high.length).toBe(after.size);
    for (const [t, v] of high) expect(v).toBe(after.get(t));
  });

  it('go into the page for registered strategies only, and not when switched off', () => {
    const candles300 = makeCandles(300);
    const r = makeResult(candles300);
    const page = chartData(renderHtmlReport(r, { SBER: candles300 }));
    expect(page.price[0].overlays.map((o) => o.label)).toEqual(['SMA 10 (fast)', 'SMA 30 (slow)']);
    expect(page.price[0].overlays[1].points).toHaveLength(300 - 29);
    const off = chartData(renderHtmlReport(r, { SBER: candles300 }, { chart: null }));
    expect(off.price[0].overlays).toEqual([]);
    const own = makeResult(candles300);
    own.fingerprint = { ...own.fingerprint, strategy: 'my-notebook-strategy' };
    expect(chartData(renderHtmlReport(own, { SBER: candles300 })).price[0].overlays).toEqual([]);
    const rsi = makeResult(candles300);
    rsi.fingerprint = { ...rsi.fingerprint, strategy: 'rsi-reversion' };
    rsi.params = { period: 14 };
    const panes = chartData(renderHtmlReport(rsi, { SBER: candles300 })).price[0].panes;
    expect(panes.map((p) => p.title)).toEqual(['RSI 14']);
    expect(panes[0].lines[0].points.every(([, v]) => v >= 0 && v <= 100)).toBe(true);
    expect(NO_CHART).toEqual({ overlays: [], panes: [] });
  });
});
