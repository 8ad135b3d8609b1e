/**
 * @module TinvestBroker: the engine's Broker port at the T-Invest venue (production or sandbox, one
 * implementation). `submit` answers at once (pending) and places the order in the background under
 * a fresh idempotency key; what the venue does with it comes back as OrderUpdates from
 * OrderStateStream (executions and ends of orders; TradesStream, executions only, where the venue
 * does not serve it), from GetOrderState polls while the stream is down, and from a slow sweep of
 * open orders that catches cancellations and session ends TradesStream does not report.
 */
import type { Instrument } from '../../core/instrument.ts';
import type {
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
} from '../../engine/ports/broker.ts';
import {
  orderTradesFills,
  type VenueOrderView,
  type VenueStopView,
} from '../../wire/convert/index.ts';
import type { OrderTrades } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { LiveEvent } from '../observability/live-event.ts';
import { randomOrderIds, type OrderIdSource } from './order-ids.ts';
import { orderCalls, placeOrder, reportingHooks } from './order-placement.ts';
import { StopDesk } from './stop-desk.ts';
import {
  acceptUpdate,
  executionUpdates,
  newTracked,
  openOrderViews,
  placementSpec,
  rejection,
  updatesFromState,
  type TrackedOrder,
} from './order-tracker.ts';
import { refusalOf, venueTimeInForce } from './order-validation.ts';
import { OrderSync } from './order-sync.ts';
import { EarlyTrades } from './early-trades.ts';
import {
  adoptedOrders,
  neverSentRejections,
  reconcileWithVenue,
  type ExpectedState,
  type ReconcileReport,
} from './reconcile.ts';
import { TradesWatcher } from './trades-watcher.ts';
import { orderStateNews, type OrderStateNews } from './order-state-news.ts';
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
  private readonly stops: StopDesk;
  private listener: (u: OrderUpdate) => void = () => undefined;
  /** Reports a live event of the broker, stamped with its clock. */
  private readonly event = (kind: string, fields: object): void =>
    this.options.onEvent?.({ ...fields, kind, time: this.now() } as LiveEvent);

  constructor(private readonly options: TinvestBrokerOptions) {
    this.api = new VenueApi(options.client, options.accountId, options.sandbox ?? false);
    this.instruments = new Map(options.instruments.map((i) => [i.uid, i]));
    this.ids = options.ids ?? randomOrderIds;
    this.now = options.now ?? (() => Date.now());
    this.stops = new StopDesk({
      api: this.api,
      now: this.now,
      open: () => this.openTracked(),
      deliver: (u) => this.deliver(u),
      link: (o, venueId) => this.link(o, venueId),
      refuse: (o, reason) => this.refuse(o, reason),
      hooks: (o) => reportingHooks<VenueStopView>(o.orderId, (v) => v.stopId, this.event),
      track: (p) => this.work.track(p),
      policy: options.placement,
    });
    this.sync = new OrderSync({
      readStops: () => this.stops.read(),
      api: this.api,
      open: () => this.openTracked(),
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
        onOrderState: (st) => this.onOrderState(orderStateNews(st), st.orderId),
        onFallback: (reason) =>
          this.event('orders-stream-fallback', { to: 'TradesStream', reason }),
        onUp: (reconnect) => this.sync.streamUp(reconnect),
        onDown: (reason, retryInMs) => this.sync.streamDown({ reason, retryInMs }),
      },
      options.stream,
    );
  }

  /** Opens TradesStream (polling covers until it is up); resolves once it is or after `waitMs`. */
  async start(waitMs = 5000): Promise<void> {
    this.sync.streamDown();
    const up = this.sync.whenUp(waitMs);
    this.watcher.start();
    await up;
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
      this.deliver([rejection(o, refusal.code, refusal.reason, o.createdAt)]);
      return { orderId, accepted: false, pending: false, ...refusal };
    }
    this.orders.set(orderId, o);
    this.event('order-sent', { orderId, ...o.request, ...venueTimeInForce(o.request) });
    this.enqueue(o, () => this.send(o));
    return { orderId, accepted: true, pending: true };
  }

  private async send(o: TrackedOrder): Promise<void> {
    if (o.request.type === 'stop') return this.stops.send(o);
    const outcome = await placeOrder(
      orderCalls(this.api, placementSpec(o)),
      reportingHooks<VenueOrderView>(o.orderId, (v) => v.venueId, this.event),
      this.options.placement,
    );
    if (outcome.kind === 'placed') return this.placed(o, outcome.view);
    if (outcome.kind === 'refused') return this.refuse(o, outcome.reason);
    o.phase = 'unconfirmed';
    this.event('order-unconfirmed', { orderId: o.orderId, reason: outcome.reason });
  }

  /** A triggered stop order became exchange order `venueId`: from here on it is an ordinary one. */
  private link(o: TrackedOrder, venueId: string): void {
    o.venueId = venueId;
    this.byVenue.set(venueId, o);
    for (const t of this.early.claim(venueId)) this.applyTrades(o, t);
    this.enqueue(o, async () => this.applyState(o, await this.api.state(venueId)));
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
    if (o.phase !== 'done') this.deliver([rejection(o, 'venue', reason, this.now())]);
  }

  private onTrades(t: OrderTrades): void {
    const o = this.byVenue.get(t.orderId);
    if (o) return this.applyTrades(o, t);
    if (t.accountId && t.accountId !== this.options.accountId) return;
    this.early.hold(t);
    // Perhaps one of our stop orders triggered: the stop orders say which exchange order it became.
    void this.stops.read().catch(() => undefined);
  }

  /** An order state: its executions as a trade event, then its end (cancelled, expired...). */
  private onOrderState(news: OrderStateNews, venueId: string): void {
    if (news.trades) this.onTrades(news.trades);
    const o = this.byVenue.get(venueId);
    if (!news.final || !o || o.phase === 'done') return;
    this.enqueue(o, async () => this.applyState(o, await this.api.state(venueId)));
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
    else if (o.stopId) this.enqueue(o, () => this.stops.cancel(o));
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
   * orders the venue has (still open, or finished meanwhile) are tracked from here on, so their
   * executions keep arriving; those it never received are reported rejected, never placed late.
   */
  async reconcile(expected: ExpectedState): Promise<ReconcileReport> {
    const report = await reconcileWithVenue(this.api, expected, this.instruments);
    for (const d of report.diffs) this.event('reconcile-diff', { ...d });
    for (const o of adoptedOrders(report, this.instruments, this.now())) {
      if (this.orders.has(o.orderId)) continue;
      this.orders.set(o.orderId, o);
      this.link(o, o.venueId!);
    }
    // Never sent (the caller stopped between deciding and placing): refused, never placed late.
    const unknown = report.missing.filter((e) => !this.orders.has(e.orderId));
    this.deliver(neverSentRejections(unknown, this.instruments, this.now()));
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

  private openTracked(): TrackedOrder[] {
    return [...this.orders.values()].filter((o) => o.phase !== 'done');
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
}
