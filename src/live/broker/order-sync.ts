/**
 * @module Keeps the broker's orders in step with the venue when TradesStream cannot: GetOrderState
 * polls of every open order while the stream is down (and one more when it is back, for what the
 * gap hid), a slow sweep while it is up (cancellations and session ends, which TradesStream does
 * not carry), a look-up shortly after an answer that reported executions the stream has not
 * brought yet, and the search by key for orders whose placement could not be confirmed.
 */
import type { VenueOrderView } from '../../wire/convert/index.ts';
import { TinkoffApiError } from '../client/api-error.ts';
import type { TrackedOrder } from './order-tracker.ts';
import type { VenueApi } from './venue-api.ts';

/** What the sync needs from the broker. */
export interface OrderSyncDeps {
  api: VenueApi;
  /** Orders not done. */
  open(): TrackedOrder[];
  /** Applies a venue state to an order. */
  refresh(o: TrackedOrder, view: VenueOrderView): void;
  /** An unconfirmed order was found at the venue by its key. */
  confirm(o: TrackedOrder, view: VenueOrderView): void;
  /** An unconfirmed order is definitely not at the venue. */
  reject(o: TrackedOrder, reason: string): void;
  event(kind: string, fields: Record<string, unknown>): void;
  /** Runs `fn` in the order's queue. */
  run(o: TrackedOrder, fn: () => Promise<void>): void;
  pollIntervalMs: number;
  sweepIntervalMs: number;
  fillGraceMs?: number;
}

/** Look-ups by key that find nothing before an unconfirmed order counts as never placed. */
const NOT_FOUND_LIMIT = 3;

export class OrderSync {
  private poll: ReturnType<typeof setInterval> | undefined;
  private sweep: ReturnType<typeof setInterval> | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly misses = new Map<string, number>();
  private up = false;
  private upWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly deps: OrderSyncDeps) {}

  /** Calls `fn` once the stream is next up. */
  onceUp(fn: () => void): void {
    if (this.up) fn();
    else this.upWaiters.push(fn);
  }

  streamDown(): void {
    this.up = false;
    clearInterval(this.sweep);
    this.sweep = undefined;
    if (this.closed || this.poll) return;
    this.poll = setInterval(() => this.pollAll(), this.deps.pollIntervalMs);
  }

  streamUp(reconnect: boolean): void {
    this.up = true;
    clearInterval(this.poll);
    this.poll = undefined;
    // What executed while the stream was away is not replayed by it: ask for it once.
    if (reconnect) this.pollAll();
    for (const w of this.upWaiters.splice(0)) w();
    if (!this.closed && this.deps.sweepIntervalMs > 0 && !this.sweep) {
      this.sweep = setInterval(() => this.pollAll(), this.deps.sweepIntervalMs);
    }
  }

  /** Polls every open order once. */
  pollAll(): void {
    const open = this.deps.open();
    if (open.length === 0) return;
    this.deps.event('order-poll', { orders: open.length, streamUp: this.up });
    for (const o of open) this.deps.run(o, () => this.pollOne(o));
  }

  private async pollOne(o: TrackedOrder): Promise<void> {
    if (o.phase === 'done') return;
    if (o.phase === 'unconfirmed') return this.lookUp(o);
    if (!o.venueId) return;
    this.deps.refresh(o, await this.deps.api.state(o.venueId));
  }

  private async lookUp(o: TrackedOrder): Promise<void> {
    try {
      const view = await this.deps.api.state(o.orderId, true);
      this.misses.delete(o.orderId);
      this.deps.confirm(o, view);
    } catch (e) {
      if (!(e instanceof TinkoffApiError) || e.apiCode !== 50005) return;
      const n = (this.misses.get(o.orderId) ?? 0) + 1;
      this.misses.set(o.orderId, n);
      if (n >= NOT_FOUND_LIMIT) {
        this.misses.delete(o.orderId);
        this.deps.reject(o, 'the order never reached the venue (no order with its key)');
      }
    }
  }

  /**
   * The venue said `o` has `lots` executed (or is done): if the stream has not delivered that
   * within the grace period, poll it.
   */
  expect(o: TrackedOrder, lots: number, terminal: boolean): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (o.phase !== 'done' && (o.filledLots < lots || terminal)) {
        this.deps.run(o, () => this.pollOne(o));
      }
    }, this.deps.fillGraceMs ?? 1000);
    this.timers.add(t);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.poll);
    clearInterval(this.sweep);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
