/**
 * @module What a strategy asks the HTML report to draw beside the candles: indicator lines over the
 * price (overlays) and indicators in panes of their own (with reference levels). A strategy folder
 * declares this in its chart.ts as a function of its parameters; the report feeds the candles it
 * charts through the same streaming indicators the strategy uses, so the lines are the strategy's.
 */
import type { StreamingIndicator } from '../engine/index.ts';

/** The candle field an indicator line is fed with. */
export type ChartInput = 'open' | 'high' | 'low' | 'close';

/** One indicator line. */
export interface ChartLine {
  /** Legend text, e.g. `SMA 10 (fast)`. */
  label: string;
  input: ChartInput;
  /** A fresh indicator (the report makes one per instrument it charts). */
  make(): StreamingIndicator<number, number>;
  /** CSS colour of the line. */
  colour: string;
}

/** A pane of its own below the price, e.g. the RSI with its thresholds. */
export interface ChartPane {
  title: string;
  lines: ChartLine[];
  /** Horizontal reference lines (thresholds the strategy trades on). */
  levels?: { value: number; label: string }[];
}

/** Everything one strategy draws. */
export interface StrategyChart {
  overlays: ChartLine[];
  panes: ChartPane[];
}

/** A strategy's chart hook: what to draw for a run with these (validated) parameters. */
export type ChartDeclaration<P> = (params: P) => StrategyChart;

/** The chart of a strategy that declares nothing. */
export const NO_CHART: StrategyChart = { overlays: [], panes: [] };
