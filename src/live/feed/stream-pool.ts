/**
 * @module The feed's market-data streams: candle subscriptions shared by every read of the same
 * series, packed onto streams of at most `maxPerStream` subscriptions (the venue's cap is 300),
 * subscription requests batched per stream (the venue allows 100 a minute), items answered
 * TOO_MANY_REQUESTS retried with backoff, rejected items failed loudly, and a stream that dies or
 * is closed by the venue reopened with exponential backoff (cockatiel) and resubscribed. Readers
 * hear `ready` only with a venue time seen after their subscription was confirmed, which is what
 * makes the backfill seam exact.
 */
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { closeTime, type Interval } from '../../core/interval.ts';
import type { LiveEvent, SeriesListener } from './feed-events.ts';
import { later, newSlot, queueItem, shutSlot, type Entry, type Slot } from './stream-slot.ts';
import {
  StreamConnection,
  type CloseReason,
  type ConnectionSettings,
  type ItemVerdict,
  type MarketDataStreamStub,
  type StreamItem,
} from './stream-connection.ts';
import { refusalError } from './stream-requests.ts';

/** Settings of the pool. */
export interface PoolSettings extends ConnectionSettings {
  maxPerStream: number;
  reconnectInitialDelayMs: number;
  reconnectMaxDelayMs: number;
  emit(e: Omit<LiveEvent, 'time'>): void;
}

/** Streams and subscriptions of one feed. */
export class StreamPool {
  private readonly slots: Slot[] = [];
  private closed = false;
  private venue = Number.NEGATIVE_INFINITY;
  private readonly statuses = new Map<string, string>();
  private readonly infoRetry = new Map<string, IBackoff<unknown>>();

  constructor(
    private readonly stub: MarketDataStreamStub,
    private readonly settings: PoolSettings,
  ) {}

  /** Latest venue time seen on any stream (pings and candle close times); -Infinity before. */
  venueTime(): number {
    return this.venue;
  }

  /** Last trading status seen for an instrument. */
  tradingStatus(uid: string): string | undefined {
    return this.statuses.get(uid);
  }

  /** True when every subscription is confirmed on an open stream. */
  ready(): boolean {
    return this.slots.every(
      (s) => s.entries.size === 0 || (s.conn && [...s.entries.values()].every((e) => e.confirmed)),
    );
  }

  /** True once close() was called. */
  isClosed(): boolean {
    return this.closed;
  }

  /** Number of open streams. */
  streams(): number {
    return this.slots.filter((s) => s.conn).length;
  }

  /** Adds a listener to the series' subscription, subscribing it if it is new. */
  subscribe(item: StreamItem, listener: SeriesListener): void {
    if (this.closed) return listener({ kind: 'stopped' });
    for (const slot of this.slots) {
      const e = slot.entries.get(item.id);
      if (!e) continue;
      e.listeners.add(listener);
      e.owed.add(listener);
      if (e.confirmed) slot.conn?.ping();
      return;
    }
    const slot = this.slotWithRoom();
    const entry: Entry = {
      item,
      listeners: new Set([listener]),
      owed: new Set([listener]),
      confirmed: false,
    };
    slot.entries.set(item.id, entry);
    if (slot.conn) queueItem(slot, item);
    else if (!slot.reconnecting) this.connect(slot);
  }

  /** Removes a listener; the last one unsubscribes the series, an empty stream is closed. */
  release(id: string, listener: SeriesListener): void {
    for (const slot of this.slots) {
      const e = slot.entries.get(id);
      if (!e) continue;
      e.listeners.delete(listener);
      e.owed.delete(listener);
      if (e.listeners.size > 0) return;
      slot.entries.delete(id);
      slot.conn?.unsubscribe([e.item]);
      if (slot.entries.size === 0) shutSlot(slot);
      return;
    }
  }

  /** Closes every stream; every listener hears `stopped`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) {
      const listeners = [...slot.entries.values()].flatMap((e) => [...e.listeners]);
      slot.entries.clear();
      shutSlot(slot);
      for (const l of listeners) l({ kind: 'stopped' });
    }
  }

  private slotWithRoom(): Slot {
    const free = this.slots.find((s) => s.entries.size < this.settings.maxPerStream);
    if (free) return free;
    const slot = newSlot(this.slots.length);
    this.slots.push(slot);
    return slot;
  }

  private connect(slot: Slot): void {
    if (slot.entries.size === 0) return;
    slot.healthy = false;
    const conn = new StreamConnection(this.stub, this.settings, {
      onSubscribed: (id, verdict, detail) => this.answered(slot, id, verdict, detail),
      onInfoSubscribed: (uid, verdict, detail) => this.infoAnswered(slot, uid, verdict, detail),
      onCandle: (id, candle) => {
        const e = slot.entries.get(id);
        if (!e) return;
        this.seen(closeTime(e.item.interval as Interval, candle.time));
        for (const l of e.listeners) l({ kind: 'candle', candle });
      },
      onPing: (t) => this.pinged(slot, t),
      onTradingStatus: (uid, s) => this.statuses.set(uid, s),
      onClosed: (reason) => this.lost(slot, reason),
    });
    slot.conn = conn;
    conn.open();
    this.settings.emit({ kind: 'stream-connected', stream: slot.index });
    for (const e of slot.entries.values()) queueItem(slot, e.item);
  }

  private seen(t: number): void {
    if (t > this.venue) this.venue = t;
  }

  private pinged(slot: Slot, t: number): void {
    this.seen(t);
    if (!slot.healthy) {
      slot.healthy = true;
      slot.backoff = undefined;
    }
    for (const e of slot.entries.values()) {
      if (!e.confirmed) continue;
      for (const l of e.listeners) {
        if (e.owed.delete(l)) l({ kind: 'ready', venueNow: t });
        else l({ kind: 'ping', venueNow: t });
      }
    }
  }

  private answered(slot: Slot, id: string, verdict: ItemVerdict, detail: string): void {
    const e = slot.entries.get(id);
    if (!e) return;
    if (verdict === 'ok') {
      e.confirmed = true;
      e.retry = undefined;
      return;
    }
    const series = { instrumentUid: e.item.instrumentUid, interval: e.item.interval };
    this.settings.emit({
      kind: 'subscription-rejected',
      stream: slot.index,
      ...series,
      status: detail,
      retry: verdict === 'retry',
    });
    if (verdict === 'retry') {
      e.retry = e.retry ? e.retry.next(undefined) : this.backoff().next();
      later(
        slot,
        () => this.closed,
        e.retry.duration,
        () => slot.entries.has(id) && queueItem(slot, e.item),
      );
      return;
    }
    slot.entries.delete(id);
    const error = refusalError(e.item, detail);
    for (const l of e.listeners) l({ kind: 'error', error });
    if (slot.entries.size === 0) shutSlot(slot);
  }

  /** A refused trading-status subscription: reported, and asked again when the venue says so. */
  private infoAnswered(slot: Slot, uid: string, verdict: ItemVerdict, detail: string): void {
    if (verdict === 'ok') return void this.infoRetry.delete(uid);
    const retry = verdict === 'retry';
    this.settings.emit({
      kind: 'subscription-rejected',
      stream: slot.index,
      what: 'info',
      instrumentUid: uid,
      status: detail,
      retry,
    });
    if (!retry) return;
    const b = this.infoRetry.get(uid)?.next(undefined) ?? this.backoff().next();
    this.infoRetry.set(uid, b);
    const conn = slot.conn;
    later(
      slot,
      () => this.closed,
      b.duration,
      () => {
        if (slot.conn === conn) conn?.subscribeInfo([uid]);
      },
    );
  }

  private backoff(): ExponentialBackoff<unknown> {
    return new ExponentialBackoff({
      initialDelay: this.settings.reconnectInitialDelayMs,
      maxDelay: this.settings.reconnectMaxDelayMs,
    });
  }

  private lost(slot: Slot, reason: CloseReason): void {
    slot.conn = undefined;
    slot.queued = [];
    this.settings.emit({
      kind: 'stream-dead',
      stream: slot.index,
      reason: reason.kind,
      message: reason.message,
      ...(reason.silentMs === undefined ? {} : { silentMs: reason.silentMs }),
      ...(reason.error?.apiCode ? { apiCode: reason.error.apiCode } : {}),
    });
    const fatal = reason.fatal === true;
    for (const e of slot.entries.values()) {
      e.confirmed = false;
      for (const l of e.listeners) {
        e.owed.add(l);
        l(
          fatal
            ? { kind: 'error', error: reason.error! }
            : { kind: 'down', reason: reason.message },
        );
      }
    }
    if (fatal) {
      slot.entries.clear();
      shutSlot(slot);
      return;
    }
    slot.backoff = slot.backoff ? slot.backoff.next(undefined) : this.backoff().next();
    const delayMs = Math.round(slot.backoff.duration);
    this.settings.emit({ kind: 'stream-reconnect', stream: slot.index, delayMs });
    slot.reconnecting = true;
    later(
      slot,
      () => this.closed,
      delayMs,
      () => {
        slot.reconnecting = false;
        this.connect(slot);
      },
    );
  }
}
