/**
 * @module The feed of a resumed run: each series' candles up to where the run stopped come from
 * its journal (exactly what it received before), the rest from the live feed, so the strategy sees
 * one unbroken sequence: the replayed part rebuilds its state, the live part goes on.
 */
import type { CandleBatch } from '../../core/candle.ts';
import { closeTime, type Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import { seriesId, type RunSoFar } from '../../engine/ports/order-journal.ts';
import { JournalFeed } from '../../data/journal/journal-feed.ts';
import { JournalingFeed } from '../../data/journal/journaling.ts';
import type { SqliteRunJournal } from '../../data/journal/sqlite-journal.ts';
import { GatedFeed } from './reconcile-gate.ts';

/** Close time of the latest candle `lastRecorded` (open times by `uid|interval`) names; -Infinity for none. */
export function recordedThrough(lastRecorded: Readonly<Record<string, number>>): number {
  let through = -Infinity;
  for (const [key, open] of Object.entries(lastRecorded)) {
    const interval = key.slice(key.lastIndexOf('|') + 1) as Interval;
    through = Math.max(through, closeTime(interval, open));
  }
  return through;
}

/** Joins `past` (up to each series' cut) and `live` (from it). */
export class SplicedFeed implements MarketDataFeed {
  /**
   * @param lastRecorded open time of the last candle the journal holds, per `uid|interval`.
   */
  constructor(
    private readonly past: MarketDataFeed,
    private readonly live: MarketDataFeed,
    private readonly lastRecorded: Readonly<Record<string, number>>,
  ) {}

  /** Where the live part of a series starts: the open after its last recorded candle. */
  cutOf(series: SeriesKey, range: TimeRange): number {
    const last = this.lastRecorded[seriesId(series)];
    if (last === undefined) return range.from;
    return Math.min(Math.max(closeTime(series.interval, last), range.from), range.to);
  }

  read(series: SeriesKey, range: TimeRange): AsyncIterable<CandleBatch> {
    const cut = this.cutOf(series, range);
    const { past, live } = this;
    return (async function* () {
      if (cut > range.from) yield* past.read(series, { from: range.from, to: cut });
      if (cut < range.to) yield* live.read(series, { from: cut, to: range.to });
    })();
  }

  missing(): TimeRange[] {
    return [];
  }

  sources(series: SeriesKey, range: TimeRange): string[] {
    const labels = [
      ...(this.past.sources?.(series, range) ?? []),
      ...(this.live.sources?.(series, range) ?? []),
    ];
    return [...new Set(labels)];
  }
}

/**
 * The feed of a live run: the stream, every candle recorded into the journal; for a resumed run,
 * what its journal received first, then the stream, whose first candle waits for `gate` (a venue
 * run: until the run's orders are reconciled).
 */
export function runFeed(
  stream: MarketDataFeed,
  journal: SqliteRunJournal,
  runId: string,
  soFar?: RunSoFar,
  gate?: Promise<void>,
): MarketDataFeed {
  const recording = new JournalingFeed(stream, journal, runId);
  if (soFar === undefined) return recording;
  const after = gate === undefined ? recording : new GatedFeed(recording, gate);
  return new SplicedFeed(new JournalFeed(journal.db, runId), after, soFar.lastCandle);
}
