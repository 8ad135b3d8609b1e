/**
 * @module TinvestBroker: the engine's Broker port at the T-Invest venue (production or sandbox, one
 * implementation). `submit` answers at once (pending) and places the order in the background under
 * a fresh idempotency key; what the venue does with it comes back as OrderUpdates from TradesStream,
 * from GetOrderState polls while that stream is down, and from a slow sweep of open orders that
 * catches cancellations and session ends (which TradesStream does not report).
 */
import type { Instrument } from '../../core/instrument.ts';
import type {
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
} from '../../engine/ports/broker.ts';
import { orderTradesFills, type VenueOrderView } from '../../wire/convert/index.ts';
import type { OrderTrades } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { LiveEvent } from './live-event.ts';
import { randomOrderIds, type OrderIdSource } from './order-ids.ts';
import { placeOrder } from './order-placement.ts';
import {
  acceptUpdate,
  executionUpdates,
  newTracked,
  openOrderViews,
  placementSpec,
  updatesFromState,
  type TrackedOrder,
} from './order-tracker.ts';
import { refusalOf } from './order-validation.ts';
import { OrderSync } from './order-sync.ts';
import { EarlyTrades } from './early-trades.ts';
import {
  adoptedOrder,
  reconcileWithVenue,
  type ExpectedState,
  type ReconcileReport,
} from './reconcile.ts';
import { TradesWatcher } from './trades-watcher.ts';
import { VenueApi } from './venue-api.ts';
import { WorkTracker } from './work-tracker.ts';
import type { TinvestBrokerOptions } from './broker-options.ts';

export type { TinvestBrokerOptions };

export class TinvestBroker implements Broker {
  private readonly api: VenueApi;
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly byVenue = new Map<string, TrackedOrder>();
  private readonly early = new EarlyTrades();
  private readonly instruments: Map<string, Instrument>;
  private readonly ids: OrderIdSource;
  private readonly now: () => number;
  private readonly work = new WorkTracker();
  private readonly watcher: TradesWatcher;
  private readonly sync: OrderSync;
  private listener: (u: OrderUpdate) => void = () => undefined;

  constructor(private readonly options: TinvestBrokerOptions) {
    this.api = new VenueApi(options.client, options.accountId, options.sandbox ?? false);
    this.instruments = new Map(options.instruments.map((i) => [i.uid, i]));
    this.ids = options.ids ?? randomOrderIds;
    this.now = options.now ?? (() => Date.now());
    this.sync = new OrderSync({
      api: this.api,
      open: () => [...this.orders.values()].filter((o) => o.phase !== 'done'),
      refresh: (o, view) => this.applyState(o, view),
      confirm: (o, view) => this.placed(o, view),
      reject: (o, reason) => this.refuse(o, reason),
      event: (kind, fields) => this.event(kind, fields),
      run: (o, fn) => this.enqueue(o, fn),
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      sweepIntervalMs: options.sweepIntervalMs ?? 15_000,
      fillGraceMs: options.fillGraceMs,
    });
    this.watcher = new TradesWatcher(
      options.client,
      options.accountId,
      {
        onTrades: (t) => this.onTrades(t),
        onUp: (reconnect) => {
          this.event('stream-connected', { stream: 'TradesStream', reconnect });
          this.sync.streamUp(reconnect);
        },
        onDown: (reason, retryInMs) => {
          this.event('orders-stream-down', { stream: 'TradesStream', reason, retryInMs });
          this.sync.streamDown();
        },
      },
      options.stream,
    );
  }

  /** Opens TradesStream (polling covers until it is up); resolves once it is or after `waitMs`. */
  async start(waitMs = 5000): Promise<void> {
    this.sync.streamDown();
    const up = new Promise<void>((resolve) => this.sync.onceUp(resolve));
    this.watcher.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([up, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  setUpdateListener(listener: (update: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest): OrderAck {
    const orderId = this.ids();
    const inst = this.instruments.get(request.instrumentUid);
    const refusal = refusalOf(request, inst);
    const o = newTracked(orderId, request, inst?.lot ?? 1, this.now());
    if (refusal) {
      o.phase = 'done';
      this.deliver([
        { ...refusal, status: 'rejected', orderId, request: o.request, time: o.createdAt },
      ]);
      return { orderId, accepted: false, pending: false, ...refusal };
    }
    this.orders.set(orderId, o);
    this.event('order-sent', {
      orderId,
      instrumentUid: request.instrumentUid,
      side: request.side,
      lots: request.lots,
      type: request.type,
      limitPrice: request.limitPrice,
    });
    this.enqueue(o, () => this.send(o));
    return { orderId, accepted: true, pending: true };
  }

  private async send(o: TrackedOrder): Promise<void> {
    const outcome = await placeOrder(
      this.api,
      placementSpec(o),
      {
        onRetry: (attempt, reason, delayMs) =>
          this.event('order-retry', { orderId: o.orderId, attempt, reason, delayMs }),
        onDuplicateResolved: (via, view) =>
          this.event('order-duplicate-resolved', {
            orderId: o.orderId,
            venueOrderId: view.venueId,
            via,
          }),
      },
      this.options.placement,
    );
    if (outcome.kind === 'placed') return this.placed(o, outcome.view);
    if (outcome.kind === 'refused') return this.refuse(o, outcome.reason);
    o.phase = 'unconfirmed';
    this.event('order-unconfirmed', { orderId: o.orderId, reason: outcome.reason });
  }

  /** The venue has the order: accepted (or rejected), then whatever it already reports. */
  private placed(o: TrackedOrder, view: VenueOrderView): void {
    o.venueId = view.venueId;
    this.byVenue.set(view.venueId, o);
    if (view.status === 'rejected') return this.deliver(updatesFromState(o, view, this.now()));
    this.deliver([acceptUpdate(o, this.now())]);
    for (const t of this.early.claim(view.venueId)) this.applyTrades(o, t);
    if (o.cancelRequested) this.enqueue(o, () => this.cancelAtVenue(o));
    const terminal = view.status === 'cancelled' || view.status === 'fill';
    if (view.lotsExecuted > 0 || terminal) this.sync.expect(o, view.lotsExecuted, terminal);
  }

  private refuse(o: TrackedOrder, reason: string): void {
    if (o.phase === 'done') return;
    o.phase = 'done';
    this.deliver([
      {
        status: 'rejected',
        code: 'venue',
        reason,
        orderId: o.orderId,
        request: o.request,
        time: this.now(),
      },
    ]);
  }

  private onTrades(t: OrderTrades): void {
    const o = this.byVenue.get(t.orderId);
    if (o) return this.applyTrades(o, t);
    if (!t.accountId || t.accountId === this.options.accountId) this.early.hold(t);
  }

  /** A trade event: its new executions, with the commission the venue's order state gives. */
  private applyTrades(o: TrackedOrder, t: OrderTrades): void {
    const fills = orderTradesFills(t, o.lot);
    if (fills.every((f) => o.delivered.has(f.tradeId))) return;
    this.enqueue(o, async () => {
      if (fills.every((f) => o.delivered.has(f.tradeId))) return;
      const view = await this.api.state(o.venueId!).catch(() => undefined);
      const updates = executionUpdates(o, view ? [...fills, ...view.fills] : fills, view);
      if (view) updates.push(...updatesFromState(o, view, this.now()));
      this.deliver(updates);
    });
  }

  private applyState(o: TrackedOrder, view: VenueOrderView): void {
    this.deliver(updatesFromState(o, view, this.now()));
  }

  cancel(orderId: string): boolean {
    const o = this.orders.get(orderId);
    if (!o || o.phase === 'done' || o.cancelRequested) return false;
    o.cancelRequested = true;
    if (o.venueId) this.enqueue(o, () => this.cancelAtVenue(o));
    return true;
  }

  private async cancelAtVenue(o: TrackedOrder): Promise<void> {
    if (o.phase === 'done' || !o.venueId) return;
    const failed = await this.api.cancel(o.venueId).then(
      () => undefined,
      (e: Error) => e.message,
    );
    if (failed) this.event('order-cancel-failed', { orderId: o.orderId, reason: failed });
    const view = await this.api.state(o.venueId).catch(() => undefined);
    if (view) this.applyState(o, view);
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    return openOrderViews(this.orders.values(), instrumentUid);
  }

  /**
   * Compares the venue's open orders and positions with what the caller expected (the journal's
   * view), emits one `reconcile-diff` event per difference and returns them all. Expected open
   * orders the venue still has are tracked from here on, so their executions keep arriving.
   */
  async reconcile(expected: ExpectedState): Promise<ReconcileReport> {
    const report = await reconcileWithVenue(this.api, expected, this.instruments);
    for (const d of report.diffs) this.event('reconcile-diff', { ...d });
    for (const a of report.adopt) {
      if (this.orders.has(a.orderId)) continue;
      const lot = this.instruments.get(a.request.instrumentUid)?.lot ?? 1;
      const o = adoptedOrder(a, lot, this.now());
      this.orders.set(o.orderId, o);
      this.byVenue.set(a.view.venueId, o);
      this.enqueue(o, async () => this.applyState(o, await this.api.state(a.view.venueId)));
    }
    return report;
  }

  /** Polls every open order once now and waits until all work is done. */
  async refresh(): Promise<void> {
    this.sync.pollAll();
    await this.settled();
  }

  /** Resolves when no call, event or poll of the broker is in flight. */
  settled(): Promise<void> {
    return this.work.idle();
  }

  /** Closes the stream and timers; waits for work in flight. */
  async close(): Promise<void> {
    this.watcher.close();
    this.sync.close();
    await this.settled();
  }

  private enqueue(o: TrackedOrder, fn: () => Promise<void> | void): void {
    const next = o.queue.then(fn).catch((e: unknown) => {
      this.event('order-sync-failed', {
        orderId: o.orderId,
        reason: e instanceof Error ? e.message : String(e),
      });
    });
    o.queue = next;
    this.work.track(next);
  }

  private deliver(updates: readonly OrderUpdate[]): void {
    for (const u of updates) {
      const { request: _r, ...fields } = u;
      this.event('order-update', { ...fields, eventTime: u.time });
      this.listener(u);
    }
  }

  private event(kind: string, fields: Record<string, unknown>): void {
    const e: LiveEvent = { ...fields, kind, time: this.now() };
    this.options.onEvent?.(e);
  }
}
