/**
 * @module The strategy's indicators as chart lines: the candles of one instrument are fed, in
 * order, through the streaming indicators its chart.ts declares (the engine's own), and the value
 * after the last original candle of each chart candle is kept, so an aggregated chart shows the
 * indicator of the strategy's candles, not one recomputed on coarser ones.
 */
import type { StrategyChart } from '../../strategies/chart-spec.ts';
import { columns } from './downsample.ts';
import type { ChartCandle, ChartPoint, PriceSeries } from './downsample.ts';

/** One drawn indicator line. */
export interface IndicatorLineData {
  label: string;
  colour: string;
  points: ChartPoint[];
}

/** One indicator pane below the price. */
export interface IndicatorPaneData {
  title: string;
  lines: IndicatorLineData[];
  levels: { value: number; label: string }[];
}

/** The overlays and panes of one instrument's chart. */
export interface IndicatorData {
  overlays: IndicatorLineData[];
  panes: IndicatorPaneData[];
}

type Line = StrategyChart['overlays'][number];

/** Digits kept for indicator values: the prices' own and two more (plenty for a chart). */
function lineOf(
  line: Line,
  series: PriceSeries,
  chart: readonly ChartCandle[],
  digits: number,
): IndicatorLineData {
  const cols = columns(series);
  const ind = line.make();
  const points: ChartPoint[] = [];
  let j = 0;
  for (let i = 0; i < cols.length; i++) {
    const c = cols.at(i);
    const v = ind.nextValue(c[line.input]);
    const sec = Math.floor(c.time / 1000);
    while (j + 1 < chart.length && chart[j + 1][0] <= sec) j++;
    if (v === undefined || !Number.isFinite(v) || chart.length === 0 || sec < chart[0][0]) continue;
    const value = Number(v.toFixed(digits));
    const last = points[points.length - 1];
    if (last !== undefined && last[0] === chart[j][0]) last[1] = value;
    else points.push([chart[j][0], value]);
  }
  return { label: line.label, colour: line.colour, points };
}

/**
 * The declared indicators over `series`, placed on the chart candles `chart` (the same series,
 * possibly aggregated). `digits` is the decimals kept in overlay values.
 */
export function indicatorData(
  decl: StrategyChart,
  series: PriceSeries,
  chart: readonly ChartCandle[],
  digits: number,
): IndicatorData {
  return {
    overlays: decl.overlays.map((l) => lineOf(l, series, chart, digits)),
    panes: decl.panes.map((p) => ({
      title: p.title,
      lines: p.lines.map((l) => lineOf(l, series, chart, 2)),
      levels: p.levels ?? [],
    })),
  };
}
