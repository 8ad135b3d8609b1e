/**
 * @module The backtest broker. `submit` validates and queues an order; the engine then shows the
 * broker every candle of the instrument's execution series, and an order executes in the first
 * candle that opened at or after the moment it was placed, at the price the fill model gives. Cash
 * (buys need value + commission) and short rules are checked at execution against the account as it
 * is then; a failed check rejects the order. Every outcome reaches the engine as an OrderUpdate.
 */
import { dayStart } from '../../core/time.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { CandleEvent } from '../candle-event.ts';
import type { Broker, OpenOrder, OrderAck, OrderRequest, OrderUpdate } from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { FeeModel } from './fee-model.ts';
import type { FillModel, PendingOrder } from './fill-model.ts';
import { validateOrder } from './order-validation.ts';
import { snapNearest } from './price-grid.ts';

const DAY = 86_400_000;

/** Reasons the simulated broker gives; tests and strategies can match on these prefixes. */
export const REJECT = {
  cash: 'insufficient cash',
  short: 'short selling not allowed',
} as const;

/** What the simulated broker needs from the run. */
export interface SimulatedBrokerOptions {
  instruments: readonly Instrument[];
  portfolio: Portfolio;
  clock: Clock;
  fees: FeeModel;
  fill: FillModel;
  allowShort: boolean;
}

/** Simulated execution against replayed candles. */
export class SimulatedBroker implements Broker {
  /** Pending orders per instrument slot (the engine skips matching when 0). */
  readonly pending: Int32Array;
  private readonly books: PendingOrder[][];
  private readonly slotOf = new Map<string, number>();
  private listener: (u: OrderUpdate) => void = () => {};
  private seq = 0;

  constructor(private readonly o: SimulatedBrokerOptions) {
    this.pending = new Int32Array(o.instruments.length);
    this.books = o.instruments.map(() => []);
    o.instruments.forEach((inst, slot) => this.slotOf.set(inst.uid, slot));
  }

  setUpdateListener(listener: (u: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest): OrderAck {
    const orderId = `sim-${++this.seq}`;
    const now = this.o.clock.now();
    const slot = this.slotOf.get(request.instrumentUid);
    const reason = validateOrder(
      request,
      slot === undefined ? undefined : this.o.instruments[slot],
    );
    if (reason !== undefined || slot === undefined) {
      const why = reason ?? 'unknown instrument';
      this.listener({ orderId, status: 'rejected', request, time: now, reason: why });
      return { orderId, accepted: false, reason: why };
    }
    const tick = this.o.instruments[slot].minPriceIncrement;
    const type = request.type;
    const tif =
      type === 'market'
        ? 'gtc'
        : type === 'limit' && this.o.fill.limitsAreDayOrders
          ? 'day'
          : (request.timeInForce ?? (type === 'limit' ? 'day' : 'gtc'));
    this.books[slot].push({
      id: orderId,
      slot,
      request,
      side: request.side,
      type,
      lots: request.lots,
      limit: type === 'limit' ? snapNearest(request.limitPrice as number, tick) : NaN,
      stop: type === 'stop' ? snapNearest(request.stopPrice as number, tick) : NaN,
      createdAt: now,
      expiresAt: tif === 'day' ? dayStart(now) + DAY : Infinity,
      candlesSeen: 0,
    });
    this.pending[slot]++;
    return { orderId, accepted: true };
  }

  cancel(orderId: string): boolean {
    for (let slot = 0; slot < this.books.length; slot++) {
      const book = this.books[slot];
      const j = book.findIndex((p) => p.id === orderId);
      if (j < 0) continue;
      const [p] = book.splice(j, 1);
      this.pending[slot]--;
      const time = this.o.clock.now();
      this.listener({
        orderId,
        status: 'cancelled',
        request: p.request,
        time,
        reason: 'cancelled',
      });
      return true;
    }
    return false;
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    const out: OpenOrder[] = [];
    for (const book of this.books) {
      for (const p of book) {
        if (instrumentUid === undefined || p.request.instrumentUid === instrumentUid) {
          out.push({ orderId: p.id, request: p.request, createdAt: p.createdAt });
        }
      }
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || seqOf(a.orderId) - seqOf(b.orderId));
  }

  /** Checks the pending orders of `slot` against candle `c` (oldest order first). */
  match(slot: number, c: CandleEvent): void {
    const book = this.books[slot];
    const tick = this.o.instruments[slot].minPriceIncrement;
    for (let j = 0; j < book.length;) {
      const p = book[j];
      if (p.createdAt > c.time) {
        j++;
        continue;
      }
      if (c.time >= p.expiresAt) {
        this.remove(slot, j);
        const reason = 'day order expired at the end of its session';
        this.listener({
          orderId: p.id,
          status: 'expired',
          request: p.request,
          time: p.expiresAt,
          reason,
        });
        continue;
      }
      const price = this.o.fill.price(p, c, tick);
      p.candlesSeen++;
      if (price !== price) {
        j++;
        continue;
      }
      this.remove(slot, j);
      this.execute(p, price, c.time);
    }
  }

  private remove(slot: number, j: number): void {
    this.books[slot].splice(j, 1);
    this.pending[slot]--;
  }

  private execute(p: PendingOrder, price: number, time: number): void {
    const { portfolio, instruments, fees, allowShort } = this.o;
    const inst = instruments[p.slot];
    const value = p.lots * inst.lot * price;
    const commission = fees.commission(p.slot, value);
    let reason: string | undefined;
    if (p.side === 'buy' && value + commission > portfolio.cash + 1e-9) {
      reason = `${REJECT.cash}: ${fmt(value + commission)} needed, ${fmt(portfolio.cash)} available`;
    } else if (
      p.side === 'sell' &&
      portfolio.lots[p.slot] - p.lots < 0 &&
      !(allowShort && inst.shortEnabled)
    ) {
      reason = `${REJECT.short}: ${allowShort ? `${inst.ticker} is not short-enabled` : 'allowShort is off'}`;
    }
    if (reason !== undefined) {
      this.listener({ orderId: p.id, status: 'rejected', request: p.request, time, reason });
      return;
    }
    this.listener({
      orderId: p.id,
      status: 'filled',
      request: p.request,
      time,
      price,
      lots: p.lots,
      commission,
    });
  }
}

function seqOf(orderId: string): number {
  return Number(orderId.slice(4));
}

function fmt(x: number): string {
  return x.toFixed(2);
}
