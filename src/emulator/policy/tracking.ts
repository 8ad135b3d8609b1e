/**
 * @module Tracking ids: every unary response and archive answer carries a fresh `x-tracking-id`
 * (a UUID), as the real API does, so clients can log and report them.
 */
import { randomUUID } from 'node:crypto';

/** Response metadata key of the tracking id. */
export const TRACKING_HEADER = 'x-tracking-id';

/**
 * Response metadata key naming the emulator and what it serves (`emulator:synthetic seed 1`,
 * `emulator:data FILE`), so a downloader can record where its candles came from. The real API
 * never sends it; a client that sees no such header labels its data by the endpoint instead.
 */
export const VENUE_HEADER = 'x-tlab-venue';

/** The venue label an emulator announces: the given one, else the synthetic market's seed. */
export function venueLabel(options: { venue?: string; seed?: number; source?: unknown }): string {
  if (options.venue) return options.venue;
  return options.source ? 'emulator:data' : `emulator:synthetic seed ${options.seed ?? 1}`;
}

/** A new tracking id. */
export function newTrackingId(): string {
  return randomUUID();
}
