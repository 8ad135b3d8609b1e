/**
 * @module The live page's picture of one run, folded from what the journal records as it records
 * it: cash and signed lots from the executions, each instrument's last close from the journaled
 * candles, the equity marked to those closes at every candle (and its drawdown below the running
 * peak), the open orders, the fills and the last errors. Each fold returns the change, which the
 * server sends to the watching pages; a page that joins late gets the whole state first.
 */
import type { Instrument } from '../../core/instrument.ts';
import { closeTime, type Interval } from '../../core/interval.ts';
import type { JournalDelta } from '../../data/journal/journal-delta.ts';
import type { RunStartMeta } from '../../engine/ports/order-journal.ts';

/** One execution as the page lists it. */
export interface LiveFill {
  seq: number;
  time: number;
  orderId: string;
  ticker: string;
  side: 'buy' | 'sell';
  lots: number;
  price: number;
  commission: number;
}

/** An order still working at the venue. */
export interface LiveOrder {
  orderId: string;
  ticker: string;
  side: 'buy' | 'sell';
  type: string;
  lots: number;
  remainingLots: number;
  limitPrice?: number;
  stopPrice?: number;
  createdAt: number;
}

/** A held position marked to the last journaled close. */
export interface LivePosition {
  ticker: string;
  uid: string;
  lots: number;
  lastClose?: number;
  /** lots × lot × last close (absent before the first candle). */
  value?: number;
}

/** The part of the state that is replaced whole on every change (it is small). */
export interface LiveHead {
  outcome: string;
  endedAt?: number;
  cash: number;
  equity?: number;
  drawdown?: number;
  positions: LivePosition[];
  openOrders: LiveOrder[];
  decisions: number;
  rejected: number;
  candles: number;
  /** Open time of the last journaled candle. */
  lastCandleTime?: number;
  /** Its close time (open + interval): how far the wall clock is past it is the stream's lag. */
  lastCandleClose?: number;
}

/** What changed, or (from {@link LiveModel.snapshot}) everything. */
export interface LiveChange {
  head: LiveHead;
  fills: LiveFill[];
  /** `[timeSeconds, equity, drawdown %]` per candle time. */
  equity: [number, number, number][];
  errors: { time: number; message: string }[];
}

const KEEP_FILLS = 1000;
const KEEP_ERRORS = 50;

/** Folds journal deltas of one run into the live picture. */
export class LiveModel {
  private cash: number;
  private readonly lots = new Map<string, number>();
  private readonly close = new Map<string, number>();
  private readonly byUid: Map<string, Instrument>;
  private readonly orders = new Map<string, LiveOrder>();
  private fills: LiveFill[] = [];
  private equity: [number, number, number][] = [];
  private errors: { time: number; message: string }[] = [];
  private peak = -Infinity;
  /** First equity index the current fold changed. */
  private dirtyFrom = Infinity;
  private head: LiveHead;

  constructor(meta: RunStartMeta) {
    this.cash = meta.startingCash;
    this.byUid = new Map(meta.instruments.map((i) => [i.uid, i]));
    this.head = this.headNow('running', 0, 0, 0);
  }

  private ticker(uid: string): string {
    return this.byUid.get(uid)?.ticker ?? uid;
  }

  private marked(): number | undefined {
    let value = this.cash;
    for (const [uid, lots] of this.lots) {
      if (lots === 0) continue;
      const c = this.close.get(uid);
      if (c === undefined) return undefined;
      value += lots * (this.byUid.get(uid)?.lot ?? 1) * c;
    }
    return value;
  }

  private headNow(outcome: string, decisions: number, rejected: number, candles: number): LiveHead {
    const positions: LivePosition[] = [];
    for (const [uid, lots] of this.lots) {
      if (lots === 0) continue;
      const c = this.close.get(uid);
      const lot = this.byUid.get(uid)?.lot ?? 1;
      positions.push({
        ticker: this.ticker(uid),
        uid,
        lots,
        ...(c === undefined ? {} : { lastClose: c, value: lots * lot * c }),
      });
    }
    const last = this.equity.at(-1);
    return {
      outcome,
      cash: this.cash,
      ...(last === undefined ? {} : { equity: last[1], drawdown: last[2] }),
      positions,
      openOrders: [...this.orders.values()],
      decisions,
      rejected,
      candles,
    };
  }

  private mark(timeMs: number): void {
    const value = this.marked();
    if (value === undefined) return;
    this.peak = Math.max(this.peak, value);
    const dd = this.peak > 0 ? ((value - this.peak) / this.peak) * 100 : 0;
    // A candle of another series may arrive with an earlier time: it updates the latest point,
    // the curve never goes back in time.
    const t = Math.max(Math.floor(timeMs / 1000), this.equity.at(-1)?.[0] ?? -Infinity);
    const point: [number, number, number] = [t, value, dd];
    if (this.equity.at(-1)?.[0] === t) {
      this.dirtyFrom = Math.min(this.dirtyFrom, this.equity.length - 1);
      this.equity[this.equity.length - 1] = point;
    } else {
      this.dirtyFrom = Math.min(this.dirtyFrom, this.equity.length);
      this.equity.push(point);
    }
  }

  /** Applies one delta; returns what changed. */
  apply(d: JournalDelta): LiveChange {
    const fills: LiveFill[] = [];
    this.dirtyFrom = Infinity;
    // Executions and candles in time order: a fill moves cash and lots before the close it traded
    // in marks them.
    const items = [
      ...d.events.map((e) => ({ t: e.update.time, k: 0, e })),
      ...d.candles.map((c) => ({ t: c.time, k: 1, c })),
    ].sort((a, b) => a.t - b.t || a.k - b.k);
    for (const it of items) {
      if ('c' in it && it.c !== undefined) {
        this.close.set(it.c.uid, it.c.close);
        if (it.c.time >= (this.head.lastCandleTime ?? -Infinity)) {
          this.head.lastCandleTime = it.c.time;
          this.head.lastCandleClose = closeTime(it.c.interval as Interval, it.c.time);
        }
        this.mark(it.c.time);
      } else if ('e' in it && it.e !== undefined) {
        const f = this.onEvent(it.e);
        if (f !== undefined) fills.push(f);
      }
    }
    for (const dec of d.decisions) {
      const r = dec.request;
      if (!dec.ack.accepted) this.head.rejected++;
      else if (!this.orders.has(dec.orderId))
        this.orders.set(dec.orderId, {
          orderId: dec.orderId,
          ticker: this.ticker(r.instrumentUid),
          side: r.side,
          type: r.type,
          lots: r.lots,
          remainingLots: r.lots,
          ...(r.limitPrice === undefined ? {} : { limitPrice: r.limitPrice }),
          ...(r.stopPrice === undefined ? {} : { stopPrice: r.stopPrice }),
          createdAt: dec.time,
        });
    }
    // An event can arrive in the same delta as its decision, before it in this fold: settle again.
    for (const e of d.events) this.settle(e.update);
    this.fills.push(...fills);
    if (this.fills.length > KEEP_FILLS) this.fills = this.fills.slice(-KEEP_FILLS);
    this.errors.push(...d.errors.map((e) => ({ time: e.time, message: e.message })));
    if (this.errors.length > KEEP_ERRORS) this.errors = this.errors.slice(-KEEP_ERRORS);
    const { decisions, candles, lastCandleTime, lastCandleClose } = this.head;
    this.head = {
      ...this.headNow(
        d.outcome,
        decisions + d.decisions.length,
        this.head.rejected,
        candles + d.candles.length,
      ),
      ...(lastCandleTime === undefined ? {} : { lastCandleTime }),
      ...(lastCandleClose === undefined ? {} : { lastCandleClose }),
      ...(d.endedAt === undefined ? {} : { endedAt: d.endedAt }),
    };
    const changed = this.equity.slice(Math.min(this.dirtyFrom, this.equity.length));
    return {
      head: this.head,
      fills,
      equity: changed,
      errors: d.errors.map((e) => ({ time: e.time, message: e.message })),
    };
  }

  private settle(u: JournalDelta['events'][number]['update']): void {
    const o = this.orders.get(u.orderId);
    if (o === undefined) return;
    if (u.status === 'partially-filled')
      this.orders.set(u.orderId, { ...o, remainingLots: u.remainingLots });
    else if (u.status !== 'accepted') this.orders.delete(u.orderId);
  }

  private onEvent(e: JournalDelta['events'][number]): LiveFill | undefined {
    const u = e.update;
    this.settle(u);
    if (u.status !== 'filled' && u.status !== 'partially-filled') return undefined;
    const uid = u.request.instrumentUid;
    const sign = u.request.side === 'buy' ? 1 : -1;
    const lot = this.byUid.get(uid)?.lot ?? 1;
    this.lots.set(uid, (this.lots.get(uid) ?? 0) + sign * u.lots);
    this.cash -= sign * u.lots * lot * u.price + u.commission;
    return {
      seq: e.seq,
      time: u.time,
      orderId: u.orderId,
      ticker: this.ticker(uid),
      side: u.request.side,
      lots: u.lots,
      price: u.price,
      commission: u.commission,
    };
  }

  /** The whole state, for a page that has just connected. */
  snapshot(): LiveChange {
    return {
      head: this.head,
      fills: [...this.fills],
      equity: [...this.equity],
      errors: [...this.errors],
    };
  }
}
