/**
 * @module Presenting a finished backtest: the terminal table or one JSON object on stdout, and with
 * an output folder the four files (result.json, trades.csv, equity.csv, report.html).
 */
import path from 'node:path';
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { CandleStore } from '../data/store.ts';
import type { BacktestResult } from '../engine/index.ts';
import { formatResultJson, renderTerminalReport, writeReport } from '../report/index.ts';
import type { PriceSeries } from '../report/index.ts';
import { candlesForReport } from './backtest-run.ts';
import { rejectionNotice } from './rejections.ts';

/** How to present a result. */
export interface EmitOptions {
  json: boolean;
  out?: string;
  /** Interval whose candles the price chart shows (the finest the run used). */
  chartInterval: Interval;
}

/**
 * Writes the report files first and prints the result after them, so a failure on the files never
 * follows a printed result; then says on stderr what was rejected. Returns the report.html path
 * when written.
 */
export function emitResult(
  store: CandleStore,
  result: BacktestResult,
  instruments: Instrument[],
  options: EmitOptions,
): string | undefined {
  const html =
    options.out === undefined ? undefined : writeFiles(store, result, instruments, options);
  // formatResultJson ends with a newline already; the table does not.
  process.stdout.write(
    options.json ? formatResultJson(result) : `${renderTerminalReport(result)}\n`,
  );
  for (const line of rejectionNotice(result)) process.stderr.write(`${line}\n`);
  return html;
}

function writeFiles(
  store: CandleStore,
  result: BacktestResult,
  instruments: Instrument[],
  options: EmitOptions,
): string | undefined {
  const range = { from: result.universe.from, to: result.universe.to };
  const candles = new Map<string, PriceSeries>();
  for (const i of instruments)
    candles.set(i.ticker, candlesForReport(store, i.uid, options.chartInterval, range));
  // An instrument imported from an archive has no API spec: the report says its lot and step are assumed.
  const specs = instruments.map((i) => ({
    ticker: i.ticker,
    uid: i.uid,
    lot: i.lot,
    minPriceIncrement: i.minPriceIncrement,
    currency: i.currency,
    assumed: store.instrumentSource(i.uid) === 'archive',
  }));
  const written = writeReport(path.resolve(options.out as string), result, candles, {
    instruments: specs,
  });
  return written.reportHtml ?? undefined;
}
