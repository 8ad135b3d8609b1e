/**
 * @module A live run's counters as the journal stores them: the CounterSnapshot's totals plus one
 * `event:<kind>` entry per LiveEvent kind seen, all plain numbers.
 */
import type { CounterSnapshot } from '../../live/index.ts';

/** Flattens a snapshot into numbers by name (stable order: totals, then event kinds sorted). */
export function flatCounters(c: CounterSnapshot): Record<string, number> {
  const { events, ...totals } = c;
  const out: Record<string, number> = { ...totals };
  for (const kind of Object.keys(events).sort()) out[`event:${kind}`] = events[kind];
  return out;
}
