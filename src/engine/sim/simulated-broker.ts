/**
 * @module The backtest broker, an ordinary Broker. `submit` validates and queues an order; the
 * kernel shows the broker every closed candle of each instrument's execution series through the
 * `onCandle` hook, and an order executes in the first candle that opened at or after the moment it
 * was placed, at the price the fill model gives. Cash (buys need value + commission) and short rules
 * are checked at execution against the account as it is then; a failed check rejects the order.
 * Every outcome reaches the kernel as a typed OrderUpdate; orders fill whole.
 */
import { dayStart } from '../../core/time.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { CandleEvent } from '../candle-event.ts';
import type {
  AccountView,
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
  RejectCode,
} from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { TradeEconomics } from '../economics/order-checks.ts';
import type { FeeModel } from './fee-model.ts';
import type { FillModel, PendingOrder } from './fill-model.ts';
import type { SessionGate } from './session-gate.ts';
import type { SlippageModel } from './slippage-model.ts';
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
  /** The account it checks cash and shorts against (the kernel's portfolio). */
  account: AccountView;
  clock: Clock;
  fees: FeeModel;
  fill: FillModel;
  slippage: SlippageModel;
  allowShort: boolean;
  /**
   * Instrument economics (futures margin, bond value, other currencies): the trade value and the
   * cash check come from it instead of the plain share rules.
   */
  economics?: TradeEconomics;
  /** When given, no order fills in a candle outside the instrument's sessions (it waits). */
  sessions?: SessionGate;
}

/** Simulated execution against replayed candles. */
export class SimulatedBroker implements Broker {
  private readonly pending: Int32Array;
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
    const time = this.o.clock.now();
    const slot = this.slotOf.get(request.instrumentUid);
    const invalid = validateOrder(
      request,
      slot === undefined ? undefined : this.o.instruments[slot],
    );
    if (invalid !== undefined || slot === undefined) {
      const code: RejectCode = slot === undefined ? 'unknown-instrument' : 'invalid-order';
      const reason = invalid ?? 'unknown instrument';
      this.listener({ orderId, status: 'rejected', request, time, code, reason });
      return { orderId, accepted: false, pending: false, reason, code };
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
      createdAt: time,
      expiresAt: tif === 'day' ? dayStart(time) + DAY : Infinity,
      candlesSeen: 0,
    });
    this.pending[slot]++;
    this.listener({ orderId, status: 'accepted', request, time });
    return { orderId, accepted: true, pending: false };
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
        filledLots: 0,
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
          out.push({
            orderId: p.id,
            request: p.request,
            createdAt: p.createdAt,
            remainingLots: p.lots,
          });
        }
      }
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || seqOf(a.orderId) - seqOf(b.orderId));
  }

  /** Kernel hook: meets the pending orders of the candle's instrument (oldest order first). */
  onCandle(c: CandleEvent): void {
    const slot =
      this.o.instruments[c.slot]?.uid === c.instrumentUid
        ? c.slot
        : this.slotOf.get(c.instrumentUid);
    if (slot === undefined || this.pending[slot] === 0) return;
    if (this.o.sessions?.allowsFill(slot, c.time, c.closeTime) === false) return;
    this.match(slot, c);
  }

  private match(slot: number, c: CandleEvent): void {
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
        this.listener({
          orderId: p.id,
          status: 'expired',
          request: p.request,
          time: p.expiresAt,
          reason: 'day order expired at the end of its session',
          filledLots: 0,
        });
        continue;
      }
      const price = this.o.fill.price(p, c, tick, this.o.slippage.slip);
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
    const { account, instruments, fees, allowShort, economics } = this.o;
    const inst = instruments[p.slot];
    const value =
      economics === undefined
        ? p.lots * inst.lot * price
        : economics.tradeValue(p.slot, p.lots, price);
    const commission = fees.commission(p.slot, value);
    const request = p.request;
    if (economics !== undefined) {
      const no = economics.refuse({
        slot: p.slot,
        side: p.side,
        lots: p.lots,
        price,
        commission,
        time,
      });
      if (no !== undefined) {
        this.listener({ orderId: p.id, status: 'rejected', request, time, ...no });
        return;
      }
    } else if (p.side === 'buy' && value + commission > account.cash + 1e-9) {
      const reason = `${REJECT.cash}: ${fmt(value + commission)} needed, ${fmt(account.cash)} available`;
      this.listener({
        orderId: p.id,
        status: 'rejected',
        request,
        time,
        code: 'insufficient-cash',
        reason,
      });
      return;
    }
    if (
      p.side === 'sell' &&
      account.lots[p.slot] - p.lots < 0 &&
      !(allowShort && inst.shortEnabled) &&
      economics?.shortsFree(p.slot) !== true
    ) {
      const why = allowShort ? `${inst.ticker} is not short-enabled` : 'allowShort is off';
      const reason = `${REJECT.short}: ${why}`;
      this.listener({
        orderId: p.id,
        status: 'rejected',
        request,
        time,
        code: 'short-not-allowed',
        reason,
      });
      return;
    }
    this.listener({
      orderId: p.id,
      status: 'filled',
      request,
      time,
      price,
      lots: p.lots,
      commission,
      filledLots: p.lots,
      remainingLots: 0,
    });
  }
}

function seqOf(orderId: string): number {
  return Number(orderId.slice(4));
}

function fmt(x: number): string {
  return x.toFixed(2);
}
