/**
 * @module Tracking ids: every unary response and archive answer carries a fresh `x-tracking-id`
 * (a UUID), as the real API does, so clients can log and report them.
 */
import { randomUUID } from 'node:crypto';

/** Response metadata key of the tracking id. */
export const TRACKING_HEADER = 'x-tracking-id';

/** A new tracking id. */
export function newTrackingId(): string {
  return randomUUID();
}
