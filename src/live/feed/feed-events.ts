/**
 * @module The per-series notices the stream pool hands to the readers, and the `LiveEvent` shape
 * the feed reports through `onEvent` (the one every live adapter uses).
 */
import type { Candle } from '../../core/candle.ts';

export type { LiveEvent } from '../observability/live-event.ts';

/** What one series' reader hears from the pool, in stream order. */
export type SeriesNotice =
  /** The subscription is (again) confirmed; `venueNow` is a venue time seen after it. */
  | { kind: 'ready'; venueNow: number }
  /** A closed candle from the stream. */
  | { kind: 'candle'; candle: Candle }
  /** Venue time from a ping on the series' stream, after every candle sent before it. */
  | { kind: 'ping'; venueNow: number }
  /** The series' stream died; candles may be missed until the next `ready`. */
  | { kind: 'down'; reason: string }
  /** The subscription cannot be made or kept: the read fails with this error. */
  | { kind: 'error'; error: Error }
  /** The feed was stopped: the read ends cleanly. */
  | { kind: 'stopped' };

/** A consumer of one series' notices. */
export type SeriesListener = (n: SeriesNotice) => void;

/** Key of a candle series inside the pool. */
export function seriesId(instrumentUid: string, interval: string): string {
  return `${instrumentUid}|${interval}`;
}
