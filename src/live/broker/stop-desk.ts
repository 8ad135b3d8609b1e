/**
 * @module Stop orders through TinvestBroker: the port's `stop` (a market order once the price trades
 * at or through its stop price) as the venue's STOP_LOSS with market execution, good till cancel
 * or, for `day`, till the end of the UTC day. The venue holds it; once triggered it becomes an
 * exchange order whose executions come like any other's. TradesStream names only that exchange
 * order, so a trade event of an unknown order, a poll or a sweep makes the desk read the account's
 * stop orders (GetStopOrders) and link each triggered one to its exchange order.
 */
import type { VenueStopView } from '../../wire/convert/index.ts';
import { placeOrder, type PlacementHooks, type PlacementPolicy } from './order-placement.ts';
import { acceptUpdate, type TrackedOrder } from './order-tracker.ts';
import type { OrderUpdate } from '../../engine/ports/broker.ts';
import type { VenueApi } from './venue-api.ts';

const DAY = 86_400_000;

/** What the desk needs from the broker. */
export interface StopDeskDeps {
  api: VenueApi;
  now(): number;
  /** The orders not done. */
  open(): TrackedOrder[];
  deliver(updates: OrderUpdate[]): void;
  /** The stop order `o` became exchange order `venueId`. */
  link(o: TrackedOrder, venueId: string): void;
  refuse(o: TrackedOrder, reason: string): void;
  hooks(o: TrackedOrder): PlacementHooks<VenueStopView>;
  track(p: Promise<unknown>): void;
  policy?: PlacementPolicy;
}

/** True while `o` is a stop order the venue still holds (not yet an exchange order). */
export function isHeldStop(o: TrackedOrder): boolean {
  return o.request.type === 'stop' && o.venueId === undefined;
}

export class StopDesk {
  private reading: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: StopDeskDeps) {}

  /** Places the stop order of `o`. */
  async send(o: TrackedOrder): Promise<void> {
    const r = o.request;
    const tif = r.timeInForce ?? 'gtc';
    const outcome = await placeOrder(
      {
        post: () =>
          this.deps.api.postStop({
            key: o.orderId,
            instrumentUid: r.instrumentUid,
            side: r.side,
            lots: r.lots,
            stopPrice: r.stopPrice!,
            expiresAt: tif === 'day' ? (Math.floor(o.createdAt / DAY) + 1) * DAY : undefined,
          }),
        // GetStopOrders cannot be asked by key: a stop order whose answer was lost for good stays
        // unconfirmed (the client's and the broker's retries with the same key come first).
        find: async () => undefined,
      },
      this.deps.hooks(o),
      this.deps.policy,
    );
    if (outcome.kind === 'refused') return this.deps.refuse(o, outcome.reason);
    if (outcome.kind === 'unconfirmed') {
      o.phase = 'unconfirmed';
      return;
    }
    o.stopId = outcome.view.stopId;
    this.deps.deliver([acceptUpdate(o, this.deps.now())]);
    if (o.cancelRequested) await this.cancel(o);
  }

  /** Cancels a held stop order, then reads what became of it. */
  async cancel(o: TrackedOrder): Promise<void> {
    if (!o.stopId) return;
    await this.deps.api.cancelStop(o.stopId).catch(() => undefined);
    await this.read();
  }

  /** Reads the account's stop orders now (coalescing reads already asked for). */
  read(): Promise<void> {
    if (!this.deps.open().some((o) => isHeldStop(o) && o.stopId)) return Promise.resolve();
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    const run = async () => {
      do {
        this.again = false;
        this.apply(await this.deps.api.stops());
      } while (this.again);
    };
    this.reading = run().finally(() => (this.reading = undefined));
    this.deps.track(this.reading);
    return this.reading;
  }

  private apply(views: readonly VenueStopView[]): void {
    const byId = new Map(views.map((v) => [v.stopId, v]));
    for (const o of this.deps.open()) {
      if (!isHeldStop(o) || !o.stopId) continue;
      const v = byId.get(o.stopId);
      if (!v || v.status === 'active') continue;
      if (v.status === 'executed' && v.exchangeOrderId) {
        this.deps.link(o, v.exchangeOrderId);
        continue;
      }
      o.phase = 'done';
      const base = { orderId: o.orderId, request: o.request, time: this.deps.now(), filledLots: 0 };
      const update: OrderUpdate =
        v.status === 'expired'
          ? { ...base, status: 'expired', reason: 'the stop order expired at the venue' }
          : {
              ...base,
              status: 'cancelled',
              reason: o.cancelRequested
                ? 'cancelled on request'
                : 'the venue withdrew the stop order',
            };
      this.deps.deliver([update]);
    }
  }
}
