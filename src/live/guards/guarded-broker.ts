/**
 * @module GuardedBroker: the risk guards, enforced below the strategy in every live mode. It wraps
 * any Broker and refuses an order the way a broker refuses one (an `accepted: false` ack with code
 * `risk-limit` and a reason naming the guard, and a `rejected` update to the listener), so the
 * strategy and the kernel need no new path. Cancels always pass through: they only lower risk. A
 * tripped daily-loss guard or an engaged kill switch also cancels every open order, and the daily
 * loss can flatten the book with market orders sent straight to the inner broker.
 */
import type { CandleEvent } from '../../engine/candle-event.ts';
import type { Instrument } from '../../core/instrument.ts';
import type {
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
} from '../../engine/ports/broker.ts';
import { validateOrder } from '../../engine/sim/order-validation.ts';
import {
  missingGuards,
  type GuardedBrokerOptions,
  type InstrumentSpec,
  type RequiredGuard,
} from './guard-options.ts';
import { DailyLossMeter, tradingDay } from './daily-loss.ts';
import {
  checkOrderValue,
  checkPosition,
  checkTradingStatus,
  type Refusal,
} from './order-checks.ts';
import { DEFAULT_TRADABLE_STATUSES, normalizeTradingStatus } from './trading-status.ts';

/** Tag of the market orders the daily-loss guard sends to flatten a position. */
export const FLATTEN_TAG = 'guard-flatten';

/** A Broker with the risk guards in front of it. */
export class GuardedBroker implements Broker {
  private listener: (u: OrderUpdate) => void = () => {};
  private readonly specOf: (uid: string) => InstrumentSpec | undefined;
  private readonly seen = new Set<string>();
  private readonly lastClose = new Map<string, number>();
  private readonly held = new Map<string, number>();
  private readonly tradable: ReadonlySet<string>;
  private readonly meter?: DailyLossMeter;
  /** The trading day the daily-loss guard tripped in (NaN when not tripped). */
  private haltedDay = NaN;
  private seq = 0;

  constructor(
    private readonly inner: Broker,
    private readonly o: GuardedBrokerOptions,
  ) {
    const specs = o.instruments;
    if (typeof specs === 'function') this.specOf = specs;
    else {
      const byUid = new Map(specs.map((s) => [s.uid, s]));
      for (const s of specs) this.seen.add(s.uid);
      this.specOf = (uid) => byUid.get(uid);
    }
    this.tradable = new Set(
      (o.tradableStatuses ?? DEFAULT_TRADABLE_STATUSES).map(normalizeTradingStatus),
    );
    if (o.maxDailyLoss !== undefined && o.equity !== undefined) {
      this.meter = new DailyLossMeter(o.maxDailyLoss, o.dayStartOffsetMs ?? 0, o.dayStartEquity);
    }
    inner.setUpdateListener((u) => this.onInnerUpdate(u));
    o.killSwitch?.onEngage(() => this.cancelAll());
  }

  /** True when every guard a real-money run requires is set. */
  armed(): boolean {
    return missingGuards(this.o).length === 0;
  }

  /** The required guards left unset (the live preflight names them). */
  missingGuards(): RequiredGuard[] {
    return missingGuards(this.o);
  }

  /** True while the daily-loss guard holds trading stopped (until the next trading day). */
  get dailyLossTripped(): boolean {
    return this.haltedDay === tradingDay(this.o.clock.now(), this.o.dayStartOffsetMs ?? 0);
  }

  setUpdateListener(listener: (update: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest): OrderAck {
    const spec = this.specOf(request.instrumentUid);
    if (spec === undefined) return this.refuse(request, 'unknown-instrument');
    // A malformed request is the inner broker's to reject with its own code; it moves no risk.
    if (validateOrder(request, spec as Instrument) !== undefined) return this.inner.submit(request);
    this.seen.add(request.instrumentUid);
    const refusal = this.check(request, spec);
    if (refusal !== undefined) return this.refuse(request, refusal);
    return this.inner.submit(request);
  }

  cancel(orderId: string): boolean {
    return this.inner.cancel(orderId);
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    return this.inner.openOrders(instrumentUid);
  }

  /** Kernel hook: remembers the close as the price estimate, passes it on, then meters the loss. */
  onCandle(candle: CandleEvent): void {
    this.lastClose.set(candle.instrumentUid, candle.close);
    this.seen.add(candle.instrumentUid);
    this.inner.onCandle?.(candle);
    this.checkDailyLoss();
  }

  /**
   * Meters the day's loss now (the session calls it on a timer between candles too); trips the
   * guard when the loss reached the limit. Returns whether trading is stopped for the day.
   */
  checkDailyLoss(): boolean {
    const { meter, o } = this;
    if (meter === undefined || o.equity === undefined) return false;
    if (this.dailyLossTripped) return true;
    const t = o.clock.now();
    const equity = o.equity();
    if (!meter.reached(t, equity)) return false;
    this.haltedDay = meter.currentDay;
    const loss = meter.dayBaseline - equity;
    const reason = `max-daily-loss: lost ${round2(loss)} of ${o.maxDailyLoss} today`;
    o.onEvent?.({ kind: 'guard-trip', time: t, guard: 'max-daily-loss', reason, loss });
    this.cancelAll();
    if (o.flattenOnDailyLoss === true) this.flatten();
    return true;
  }

  /** Signed lots of `uid` as the guard counts them. */
  positionOf(uid: string): number {
    return this.o.position?.(uid) ?? this.held.get(uid) ?? 0;
  }

  private check(r: OrderRequest, spec: InstrumentSpec): Refusal | undefined {
    const o = this.o;
    const uid = r.instrumentUid;
    const kill = o.killSwitch?.state;
    if (kill?.engaged === true) {
      return { guard: 'kill-switch', reason: `kill switch engaged: ${kill.reason}` };
    }
    if (this.checkDailyLoss()) {
      return {
        guard: 'max-daily-loss',
        reason: 'daily loss limit reached; trading stopped for the day',
      };
    }
    if (o.tradeFrom !== undefined && o.clock.now() < o.tradeFrom) {
      const from = new Date(o.tradeFrom).toISOString();
      return { guard: 'warm-up', reason: `warm-up: no orders before ${from}` };
    }
    if (o.tradingStatus !== undefined) {
      const refusal = checkTradingStatus(o.tradingStatus(uid), this.tradable);
      if (refusal !== undefined) return refusal;
    }
    if (o.maxOrderValue !== undefined) {
      const last = o.lastPrice !== undefined ? o.lastPrice(uid) : this.lastClose.get(uid);
      const currency = o.accountCurrency ?? 'rub';
      const refusal = checkOrderValue(r, spec, { last, limit: o.maxOrderValue, currency });
      if (refusal !== undefined) return refusal;
    }
    if (o.maxPositionLots !== undefined) {
      const open = this.inner.openOrders(uid);
      return checkPosition(r, this.positionOf(uid), open, o.maxPositionLots);
    }
    return undefined;
  }

  private refuse(request: OrderRequest, why: Refusal | 'unknown-instrument'): OrderAck {
    const orderId = `risk-${++this.seq}`;
    const time = this.o.clock.now();
    if (why === 'unknown-instrument') {
      const reason = `unknown instrument ${request.instrumentUid}: no instrument spec for the guards`;
      this.listener({
        orderId,
        status: 'rejected',
        request,
        time,
        code: 'unknown-instrument',
        reason,
      });
      return { orderId, accepted: false, pending: false, reason, code: 'unknown-instrument' };
    }
    const { guard } = why;
    const reason = why.reason.startsWith(`${guard}:`) ? why.reason : `${guard}: ${why.reason}`;
    this.o.onEvent?.({
      kind: 'guard-trip',
      time,
      guard,
      reason,
      orderId,
      instrumentUid: request.instrumentUid,
      side: request.side,
      lots: request.lots,
    });
    this.listener({ orderId, status: 'rejected', request, time, code: 'risk-limit', reason });
    return { orderId, accepted: false, pending: false, reason, code: 'risk-limit' };
  }

  private onInnerUpdate(u: OrderUpdate): void {
    if (u.status === 'filled' || u.status === 'partially-filled') {
      const uid = u.request.instrumentUid;
      const sign = u.request.side === 'buy' ? 1 : -1;
      this.held.set(uid, (this.held.get(uid) ?? 0) + sign * u.lots);
    }
    this.listener(u);
  }

  private cancelAll(): void {
    for (const open of this.inner.openOrders()) this.inner.cancel(open.orderId);
  }

  private flatten(): void {
    for (const uid of this.seen) {
      const lots = this.positionOf(uid);
      if (lots === 0) continue;
      const side = lots > 0 ? 'sell' : 'buy';
      this.inner.submit({
        instrumentUid: uid,
        side,
        lots: Math.abs(lots),
        type: 'market',
        tag: FLATTEN_TAG,
      });
    }
  }
}

function round2(x: number): string {
  return String(Math.round(x * 100) / 100);
}
