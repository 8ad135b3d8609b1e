/**
 * @module The event shape the feed reports through `onEvent`, the same `LiveEvent` every live
 * adapter uses (declared here until src/live/observability/live-event.ts lands on main), and the
 * per-series notices the stream pool hands to the readers.
 */
import type { Candle } from '../../core/candle.ts';

/** Something that happened on the live path; fields never carry a token. */
export interface LiveEvent {
  kind: string;
  time: number;
  [field: string]: unknown;
}

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
