/**
 * @module Counts of what happened during a live run, by LiveEvent kind (reconnects, backfills,
 * orders sent, retries, guard trips...), for the summary printed at exit and the journal's record
 * of the run.
 */
import type { LiveEvent } from '../../live/index.ts';

/** A LiveEvent sink that counts events by kind. */
export class EventCounters {
  private readonly counts = new Map<string, number>();

  /** The sink to hand to adapters. */
  readonly sink = (e: LiveEvent): void => {
    this.counts.set(e.kind, (this.counts.get(e.kind) ?? 0) + 1);
  };

  /** Counts by kind, sorted by kind (stable output). */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** One line for stderr, e.g. `events: order-sent 3, stream-reconnect 1`. */
export function countersLine(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, n]) => `${k} ${n}`);
  return `events: ${parts.length === 0 ? 'none' : parts.join(', ')}`;
}
