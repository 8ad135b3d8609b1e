/**
 * @module The subscriptions of one market-data stream and the rules for changing them, item by
 * item as the API answers: an unknown instrument, an invalid action, interval or depth, the
 * 300-subscription cap over candles, order books and trades (info and last price are not counted),
 * unsubscribing what is not there, and TOO_MANY_REQUESTS for every item of a request beyond the
 * per-minute request limit. Nothing changes for an item that fails.
 */
import { randomUUID } from 'node:crypto';
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import {
  SubscriptionAction,
  SubscriptionStatus,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { InstrumentDirectory } from '../instrument-directory.ts';

/** What a subscription delivers. */
export type SubKind = 'candle' | 'book' | 'trade' | 'info' | 'price';

/** The candle being formed for an in-progress (not waiting_close) candle subscription. */
export interface Forming {
  bucket: number;
  candle: Candle;
  lastTrade: number;
}

/** One active subscription. */
export interface Sub {
  kind: SubKind;
  key: string;
  id: string;
  inst: Instrument;
  interval?: Interval;
  waitingClose?: boolean;
  depth?: number;
  forming?: Forming;
  /** The last price sent on a last-price subscription. */
  lastPrice?: number;
}

/** One requested item, already decoded; `invalid` is a status found while decoding. */
export interface Wanted {
  instrumentId: string;
  interval?: Interval;
  depth?: number;
  waitingClose?: boolean;
  invalid?: SubscriptionStatus;
}

/** The outcome for one item. */
export interface ItemResult {
  status: SubscriptionStatus;
  wanted: Wanted;
  inst?: Instrument;
  sub?: Sub;
  /** True when this item created the subscription (initial snapshots go out for it). */
  created: boolean;
}

const LIMITED: ReadonlySet<SubKind> = new Set<SubKind>(['candle', 'book', 'trade']);

/** The subscription set of one stream. */
export class Subscriptions {
  private readonly subs = new Map<string, Sub>();

  constructor(
    private readonly directory: InstrumentDirectory,
    private readonly max: number,
  ) {}

  /** Active subscriptions, in the order they were made. */
  list(kind?: SubKind): Sub[] {
    return [...this.subs.values()].filter((s) => kind === undefined || s.kind === kind);
  }

  /** Number of active subscriptions. */
  get size(): number {
    return this.subs.size;
  }

  /** Subscriptions counted against the cap. */
  limitedCount(): number {
    let n = 0;
    for (const s of this.subs.values()) if (LIMITED.has(s.kind)) n++;
    return n;
  }

  /** Applies one request; `denied` marks a request beyond the per-minute limit. */
  apply(kind: SubKind, action: SubscriptionAction, items: Wanted[], denied: boolean): ItemResult[] {
    return items.map((w) => this.one(kind, action, w, denied));
  }

  private one(kind: SubKind, action: SubscriptionAction, w: Wanted, denied: boolean): ItemResult {
    const inst = this.directory.resolve(w.instrumentId);
    const out = (status: SubscriptionStatus, sub?: Sub, created = false): ItemResult => ({
      status,
      wanted: w,
      inst,
      sub,
      created,
    });
    if (denied) return out(SubscriptionStatus.SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS);
    const subscribe = action === SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE;
    if (!subscribe && action !== SubscriptionAction.SUBSCRIPTION_ACTION_UNSUBSCRIBE) {
      return out(SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_ACTION_IS_INVALID);
    }
    if (!inst) return out(SubscriptionStatus.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND);
    if (w.invalid !== undefined) return out(w.invalid);
    const key = [kind, inst.uid, w.interval ?? '', w.depth ?? ''].join('|');
    const existing = this.subs.get(key);
    if (!subscribe) {
      if (!existing) return out(SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_NOT_FOUND);
      this.subs.delete(key);
      return out(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS, existing);
    }
    if (existing) {
      if (w.waitingClose !== undefined && existing.waitingClose !== w.waitingClose) {
        existing.waitingClose = w.waitingClose;
        existing.forming = undefined;
      }
      return out(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS, existing);
    }
    if (LIMITED.has(kind) && this.limitedCount() >= this.max) {
      return out(SubscriptionStatus.SUBSCRIPTION_STATUS_LIMIT_IS_EXCEEDED);
    }
    const sub: Sub = {
      kind,
      key,
      id: randomUUID(),
      inst,
      interval: w.interval,
      waitingClose: w.waitingClose,
      depth: w.depth,
    };
    this.subs.set(key, sub);
    return out(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS, sub, true);
  }
}
