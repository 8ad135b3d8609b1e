/**
 * @module Paying the rolls of a continuous futures series. The series' candles are the front
 * contract's, adjusted at each roll (see src/data/continuous), so the strategy trades one instrument
 * throughout; what the adjusted prices leave out is the cost of moving an open position from the
 * expiring contract to the next. This wrapper around the simulated broker pays it: at the first
 * candle at or after a roll, before any pending order meets that candle, an open position is closed
 * and reopened at that candle's open, two market fills tagged `roll <from> -> <to>`, each paying the
 * run's commission (and slippage, as any market execution). On back- or ratio-adjusted prices both
 * legs are at one price, so the roll costs exactly its fees; the position stays what it was.
 */
import type { CandleEvent } from '../candle-event.ts';
import type {
  AccountView,
  Broker,
  OrderAck,
  OrderRequest,
  OrderUpdate,
  OpenOrder,
} from '../ports/broker.ts';
import type { FeeModel } from './fee-model.ts';
import type { SlippageModel } from './slippage-model.ts';

/** One roll of a continuous instrument, as the engine needs it. */
export interface RollEvent {
  /** The first candle of the new contract (epoch ms UTC). */
  time: number;
  /** Tickers (or uids) of the contracts, for the fills' tag. */
  from: string;
  to: string;
}

/** The rolls of each continuous instrument of a run, by instrument uid, in time order. */
export type RollSchedule = ReadonlyMap<string, readonly RollEvent[]>;

/** What the roll broker needs. */
export interface RollBrokerOptions {
  instrumentUids: readonly string[];
  /** Instruments' lot sizes and ticks, by slot. */
  lots: readonly number[];
  ticks: readonly number[];
  rolls: RollSchedule;
  account: AccountView;
  fees: FeeModel;
  slippage: SlippageModel;
}

/** A Broker that pays the rolls of continuous instruments and passes everything else on. */
export class RollBroker implements Broker {
  private listener: (u: OrderUpdate) => void = () => {};
  private readonly next = new Map<number, number>();
  private seq = 0;

  constructor(
    private readonly inner: Broker,
    private readonly o: RollBrokerOptions,
  ) {
    inner.setUpdateListener((u) => this.listener(u));
  }

  submit(request: OrderRequest): OrderAck {
    return this.inner.submit(request);
  }

  cancel(orderId: string): boolean {
    return this.inner.cancel(orderId);
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    return this.inner.openOrders(instrumentUid);
  }

  setUpdateListener(listener: (u: OrderUpdate) => void): void {
    this.listener = listener;
  }

  onCandle(c: CandleEvent): void {
    const rolls = this.o.rolls.get(c.instrumentUid);
    if (rolls !== undefined) {
      const slot = this.o.instrumentUids.indexOf(c.instrumentUid);
      let k = this.next.get(slot) ?? 0;
      while (k < rolls.length && rolls[k].time <= c.time) this.roll(slot, rolls[k++], c);
      this.next.set(slot, k);
    }
    this.inner.onCandle?.(c);
  }

  private roll(slot: number, r: RollEvent, c: CandleEvent): void {
    const held = this.o.account.lots[slot];
    if (held === 0) return;
    const tag = `roll ${r.from} -> ${r.to}`;
    const lots = Math.abs(held);
    const out = held > 0 ? 'sell' : 'buy';
    this.leg({ instrumentUid: c.instrumentUid, side: out, lots, type: 'market', tag }, slot, c);
    this.leg(
      {
        instrumentUid: c.instrumentUid,
        side: out === 'sell' ? 'buy' : 'sell',
        lots,
        type: 'market',
        tag,
      },
      slot,
      c,
    );
  }

  private leg(request: OrderRequest, slot: number, c: CandleEvent): void {
    const price = this.o.slippage.slip(c.open, request.side, this.o.ticks[slot]);
    const commission = this.o.fees.commission(slot, request.lots * this.o.lots[slot] * price);
    const orderId = `roll-${++this.seq}`;
    this.listener({ orderId, status: 'accepted', request, time: c.time });
    this.listener({
      orderId,
      status: 'filled',
      request,
      time: c.time,
      price,
      lots: request.lots,
      commission,
      filledLots: request.lots,
      remainingLots: 0,
    });
  }
}
