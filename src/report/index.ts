/** @module Public surface of src/report: JSON, CSV, terminal and HTML outputs of a backtest. */
export { writeFileAtomic, writeAtomically, AtomicFileWriter } from './atomic-file.ts';
export {
  EQUITY_CSV_HEADER,
  TRADES_CSV_HEADER,
  formatTradesCsv,
  writeEquityCsv,
  writeTradesCsv,
} from './csv.ts';
export * from './format.ts';
export {
  canonicalJson,
  fingerprintId,
  finiteOrNull,
  formatResultJson,
  rejectionsOf,
  resultToJson,
} from './json.ts';
export type { MetricsJson, ResultJson, TradeJson } from './json.ts';
export { METRIC_KEYS, METRIC_ROWS, formatMetric } from './metric-rows.ts';
export type { MetricKind, MetricRow } from './metric-rows.ts';
export { renderTerminalReport } from './terminal.ts';
export type { TerminalReportOptions } from './terminal.ts';
export { renderHtmlReport } from './html/render.ts';
export type { HtmlReportOptions } from './html/render.ts';
export type { CandlesByInstrument } from './html/page-data.ts';
export type { PriceSeries } from './html/downsample.ts';
export { writeReport } from './write-report.ts';
export type { WriteReportOptions, WrittenReport } from './write-report.ts';
