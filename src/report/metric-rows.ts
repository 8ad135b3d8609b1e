/**
 * @module The metric keys in their one published order, with the label and display kind every
 * human-facing report uses. JSON, the terminal table and the HTML table all walk this list, so
 * they can never disagree on order or naming.
 */
import type { Metrics } from '../engine/result.ts';
import { formatCount, formatDuration, formatMoney, formatPercent, formatRatio } from './format.ts';

/** How a metric's value is shown to a person. */
export type MetricKind = 'percent' | 'ratio' | 'money' | 'duration' | 'count';

/** One row of a metrics table. */
export interface MetricRow {
  key: keyof Metrics;
  label: string;
  kind: MetricKind;
}

/** Every metric, in the order of the JSON `metrics` object and of the tables. */
export const METRIC_ROWS: readonly MetricRow[] = [
  { key: 'totalReturn', label: 'Total return', kind: 'percent' },
  { key: 'cagr', label: 'CAGR', kind: 'percent' },
  { key: 'volatility', label: 'Volatility (ann.)', kind: 'percent' },
  { key: 'sharpe', label: 'Sharpe', kind: 'ratio' },
  { key: 'sortino', label: 'Sortino', kind: 'ratio' },
  { key: 'calmar', label: 'Calmar', kind: 'ratio' },
  { key: 'maxDrawdown', label: 'Max drawdown', kind: 'percent' },
  { key: 'maxDrawdownDuration', label: 'Max drawdown duration', kind: 'duration' },
  { key: 'trades', label: 'Round trips', kind: 'count' },
  { key: 'winRate', label: 'Win rate', kind: 'percent' },
  { key: 'profitFactor', label: 'Profit factor', kind: 'ratio' },
  { key: 'expectancy', label: 'Expectancy', kind: 'money' },
  { key: 'averageWin', label: 'Average win', kind: 'money' },
  { key: 'averageLoss', label: 'Average loss', kind: 'money' },
  { key: 'exposure', label: 'Exposure', kind: 'percent' },
  { key: 'turnover', label: 'Turnover', kind: 'ratio' },
  { key: 'commission', label: 'Commission', kind: 'money' },
  { key: 'finalEquity', label: 'Final equity', kind: 'money' },
];

/** The JSON metric keys in published order. */
export const METRIC_KEYS: readonly (keyof Metrics)[] = METRIC_ROWS.map((r) => r.key);

const FORMATTERS: Record<MetricKind, (x: number | null) => string> = {
  percent: formatPercent,
  ratio: formatRatio,
  money: formatMoney,
  duration: formatDuration,
  count: formatCount,
};

/** A metric value as a person reads it (`12.34%`, `1.05`, `1,000,000.00`, `3d 4h`, or "—"). */
export function formatMetric(kind: MetricKind, value: number | null | undefined): string {
  return FORMATTERS[kind](value ?? null);
}
