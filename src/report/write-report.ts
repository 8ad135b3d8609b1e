/**
 * @module `--out DIR`: writes `result.json`, `trades.csv`, `equity.csv` and `report.html` for one
 * run. Each file is written to a temporary name and renamed into place when complete.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TlabError } from '../core/errors.ts';
import type { BacktestResult } from '../engine/result.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { writeEquityCsv, writeTradesCsv } from './csv.ts';
import { renderHtmlReport } from './html/render.ts';
import type { HtmlReportOptions } from './html/render.ts';
import type { CandlesByInstrument } from './html/page-data.ts';
import { formatResultJson } from './json.ts';

/** Options of {@link writeReport}. */
export interface WriteReportOptions extends HtmlReportOptions {
  /** Skip `report.html` (the JSON and CSVs are still written). */
  html?: boolean;
}

/** The paths {@link writeReport} wrote. */
export interface WrittenReport {
  resultJson: string;
  tradesCsv: string;
  equityCsv: string;
  reportHtml: string | null;
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new TlabError(
      `cannot create output directory ${dir} (${code})`,
      'pass a writable --out DIR',
      {
        cause: err,
      },
    );
  }
}

/**
 * Writes the four outputs of a run into `dir` (created if missing).
 * @example
 * const paths = writeReport('reports/sma', result, { SBER: candles });
 * process.stdout.write(`report: ${paths.reportHtml}\n`);
 */
export function writeReport(
  dir: string,
  result: BacktestResult,
  candles: CandlesByInstrument,
  options: WriteReportOptions = {},
): WrittenReport {
  // Everything that can fail on the data is rendered before the first file is touched.
  const json = formatResultJson(result);
  const html = options.html === false ? null : renderHtmlReport(result, candles, options);
  ensureDir(dir);
  const paths: WrittenReport = {
    resultJson: join(dir, 'result.json'),
    tradesCsv: join(dir, 'trades.csv'),
    equityCsv: join(dir, 'equity.csv'),
    reportHtml: html === null ? null : join(dir, 'report.html'),
  };
  writeFileAtomic(paths.resultJson, json);
  writeTradesCsv(paths.tradesCsv, result.trades);
  writeEquityCsv(paths.equityCsv, result.equity);
  if (paths.reportHtml !== null && html !== null) writeFileAtomic(paths.reportHtml, html);
  return paths;
}
