/**
 * @module The pool's bookkeeping for one market-data stream: its subscriptions with their
 * listeners, the items waiting to be sent, its reconnect backoff and its timers.
 */
import type { IBackoff } from 'cockatiel';
import type { SeriesListener } from './feed-events.ts';
import type { StreamConnection, StreamItem } from './stream-connection.ts';

/** One candle subscription and the reads that share it. */
export interface Entry {
  item: StreamItem;
  listeners: Set<SeriesListener>;
  /** Listeners still owed a `ready`. */
  owed: Set<SeriesListener>;
  confirmed: boolean;
  retry?: IBackoff<unknown>;
}

/** One stream slot: at most maxPerStream entries. */
export interface Slot {
  index: number;
  conn?: StreamConnection;
  entries: Map<string, Entry>;
  queued: StreamItem[];
  flushScheduled: boolean;
  backoff?: IBackoff<unknown>;
  timers: Set<NodeJS.Timeout>;
  healthy: boolean;
  /** A reconnect is scheduled. */
  reconnecting: boolean;
}

/** An empty slot. */
export function newSlot(index: number): Slot {
  return {
    index,
    entries: new Map(),
    queued: [],
    flushScheduled: false,
    timers: new Set(),
    healthy: false,
    reconnecting: false,
  };
}

/** Closes the slot's stream and cancels its timers (entries stay). */
export function shutSlot(slot: Slot): void {
  for (const t of slot.timers) clearTimeout(t);
  slot.timers.clear();
  slot.conn?.close();
  slot.conn = undefined;
  slot.queued = [];
  slot.backoff = undefined;
  slot.reconnecting = false;
}

/** Batches subscription items of one stream into one request per turn of the event loop. */
export function queueItem(slot: Slot, item: StreamItem): void {
  slot.queued.push(item);
  if (slot.flushScheduled) return;
  slot.flushScheduled = true;
  setImmediate(() => {
    slot.flushScheduled = false;
    const items = slot.queued.filter((i) => slot.entries.has(i.id));
    slot.queued = [];
    slot.conn?.subscribe(items);
  });
}

/** Runs `fn` after `ms` unless the slot is shut first or `stopped()` says the pool closed. */
export function later(slot: Slot, stopped: () => boolean, ms: number, fn: () => void): void {
  const t = setTimeout(() => {
    slot.timers.delete(t);
    if (!stopped()) fn();
  }, ms);
  slot.timers.add(t);
}
