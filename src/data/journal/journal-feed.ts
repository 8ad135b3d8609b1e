/**
 * @module JournalFeed: a MarketDataFeed over the candles a run recorded, so a paper, sandbox or
 * live session can run again offline through the same kernel. Reads page through the journal by
 * open time (no cursor stays open between batches); a candle recorded twice (a resumed run that
 * re-received it) is served once. What the run received in full is its recorded coverage.
 */
import type Database from 'better-sqlite3';
import { createCandleBatch, type CandleBatch } from '../../core/candle.ts';
import type { TimeRange } from '../../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import { subtractRanges } from '../time-ranges.ts';

const PAGE = 4096;

type Row = { time: number; open: number; high: number; low: number; close: number; volume: number };

/** Serves one recorded run's candles. */
export class JournalFeed implements MarketDataFeed {
  private readonly page: Database.Statement;
  private readonly coverage: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly runId: string,
  ) {
    this.page = db.prepare(
      `SELECT time, open, high, low, close, volume FROM run_candles
       WHERE run_id = ? AND uid = ? AND interval = ? AND time >= ? AND time < ?
       ORDER BY time, seq LIMIT ${PAGE + 1}`,
    );
    this.coverage = db.prepare(
      'SELECT from_time, to_time FROM run_coverage WHERE run_id = ? AND uid = ? AND interval = ?',
    );
  }

  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> {
    const { page, runId } = this;
    const { instrumentUid: uid, interval } = series;
    return (function* () {
      const out = createCandleBatch(PAGE + 1);
      let from = range.from;
      for (;;) {
        const rows = page.all(runId, uid, interval, from, range.to) as Row[];
        let n = 0;
        for (const r of rows) {
          if (n > 0 && out.time[n - 1] === r.time) continue;
          out.time[n] = r.time;
          out.open[n] = r.open;
          out.high[n] = r.high;
          out.low[n] = r.low;
          out.close[n] = r.close;
          out.volume[n] = r.volume;
          n++;
        }
        if (n === 0) return;
        // A full page may end inside a run of duplicates: the next page starts after its last time.
        out.length = n;
        yield out;
        if (rows.length <= PAGE) return;
        from = out.time[n - 1] + 1;
      }
    })();
  }

  /** The stretch of `series` the run received in full, if it recorded any. */
  covered(series: SeriesKey): TimeRange | undefined {
    const row = this.coverage.get(this.runId, series.instrumentUid, series.interval) as
      | { from_time: number; to_time: number }
      | undefined;
    return row === undefined ? undefined : { from: row.from_time, to: row.to_time };
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    const c = this.covered(series);
    return c === undefined ? [range] : subtractRanges(range, [c]);
  }
}
