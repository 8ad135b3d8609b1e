/**
 * @module A journaled run's HTML report, the same page `tlab backtest --out` writes: the run is
 * replayed through the same kernel (a backtest over the cache, a paper run over the candles it
 * received, a sandbox or live run with its recorded acks and events, see replayRun), which gives
 * its equity, trades and metrics, and the price chart draws the candles the run saw.
 */
import { byIntervalLength, type Interval } from '../../core/interval.ts';
import { runCandles } from '../../data/journal/journal-candles.ts';
import type { JournalReader } from '../../data/journal/journal-reader.ts';
import { replayRun } from '../../data/journal/replay-run.ts';
import { recordedCacheFeed } from '../../data/session-feed.ts';
import type { CandleStore } from '../../data/store.ts';
import { renderHtmlReport } from '../../report/html/render.ts';
import type { PriceSeries } from '../../report/html/downsample.ts';

/** Renders the report page of `runId`. `cache` is opened only for a backtest. */
export async function runReportHtml(
  journal: JournalReader,
  runId: string,
  cache: () => CandleStore,
): Promise<string> {
  const reader = journal.asJournal();
  const out = await replayRun(reader, runId, {
    cacheFeed: (meta) => recordedCacheFeed(cache(), meta),
    recordEquity: true,
  });
  const { meta } = out.run;
  const interval = [...(meta.intervals as Interval[])].sort(byIntervalLength)[0];
  const candles = new Map<string, PriceSeries>();
  for (const i of meta.instruments) {
    const series =
      meta.mode === 'backtest'
        ? cache().readCandles(i.uid, interval, out.range.from, out.range.to)
        : journal.snapshot(() => runCandles(journal.db, runId, i.uid, interval));
    candles.set(i.ticker, series);
  }
  return renderHtmlReport(out.result, candles, {
    instruments: meta.instruments.map((i) => ({
      ticker: i.ticker,
      uid: i.uid,
      lot: i.lot,
      minPriceIncrement: i.minPriceIncrement,
      currency: i.currency,
      assumed: false,
    })),
  });
}
