/** @module google.protobuf.Timestamp <-> epoch milliseconds (UTC). */
import type { Timestamp } from '../generated/google/protobuf/timestamp.ts';

/** Timestamp as epoch ms; sub-millisecond nanos are truncated. An absent Timestamp gives undefined. */
export function timestampToMs(ts: Timestamp | undefined): number | undefined {
  if (!ts) return undefined;
  return ts.seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
}

/** Epoch ms as a Timestamp (nanos always in [0, 1e9), as the Timestamp spec requires). */
export function msToTimestamp(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1_000_000) };
}
