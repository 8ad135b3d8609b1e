/**
 * @module The order side of the venue: accounts and orders of both hosts (the documented sandbox and
 * the production-like exchange), idempotent on the client's key, filled by each host's execution
 * model at placement and then as the venue clock moves over the tape, with day orders cancelled at
 * their session's end. Every change is booked in the ledger, stored, and announced to listeners
 * (the order and operations streams).
 */
import type { Instrument } from '../../core/instrument.ts';
import type { InstrumentDirectory } from '../instrument-directory.ts';
import type { MarketTape, VenueClock } from '../venue/venue-ports.ts';
import { apiErrors } from '../api-error.ts';
import { commissionOf, parseRate, valueOf } from './amounts.ts';
import { ExchangeExecution } from './exchange-execution.ts';
import {
  lotsLeft,
  MarketView,
  tradesAfter,
  type ExecutionModel,
  type PlannedFill,
} from './execution.ts';
import { checkAndBlock, release } from './funds.ts';
import { Ledger } from './ledger.ts';
import {
  checkKey,
  checkLimits,
  checkSession,
  checkShape,
  type OrderRequest,
} from './order-intake.ts';
import { draftOrder } from './order-draft.ts';
import { TRADING_DEFAULTS, type ResolvedTradingOptions, type TradingOptions } from './options.ts';
import type { AccountRec, FillRec, Host, OrderRec } from './records.ts';
import { SandboxExecution } from './sandbox-execution.ts';
import type { StateStore } from './state-store.ts';
import { tradingErrors as E } from './trading-errors.ts';
import { decimalToNanos } from '../../wire/convert/decimal.ts';

/** What listeners hear. */
export type VenueEvent =
  | { kind: 'fills'; order: OrderRec; fills: FillRec[] }
  | { kind: 'order'; order: OrderRec }
  | { kind: 'book'; accountId: string; time: number };

/** Everything a venue is built from. */
export interface VenueDeps {
  store: StateStore;
  clock: VenueClock;
  tape: MarketTape;
  directory: InstrumentDirectory;
  options: TradingOptions;
}

export class TradingVenue {
  readonly ledger: Ledger;
  readonly market: MarketView;
  readonly orders = new Map<string, OrderRec>();
  private readonly byKey = new Map<string, OrderRec>();
  private readonly listeners = new Set<(e: VenueEvent) => void>();
  private readonly models: Record<Host, ExecutionModel>;
  private readonly rates: Record<Host, bigint>;
  /** Hooks run on each clock step before resting orders (the stop-order book). */
  readonly beforeStep: ((from: number, to: number) => void)[] = [];
  readonly opts: ResolvedTradingOptions;
  private readonly unsubscribe: () => void;

  constructor(readonly deps: VenueDeps) {
    const given = Object.entries(deps.options).filter(([, v]) => v !== undefined);
    this.opts = { ...TRADING_DEFAULTS, ...(Object.fromEntries(given) as TradingOptions) };
    this.ledger = new Ledger(deps.store);
    this.market = new MarketView(deps.tape);
    this.models = {
      sandbox: new SandboxExecution(this.market),
      prod: new ExchangeExecution(this.market),
    };
    this.rates = {
      sandbox: parseRate(this.opts.sandboxCommissionRate),
      prod: parseRate(this.opts.commissionRate),
    };
    for (const o of deps.store.all<OrderRec>('order')) this.index(o);
    if (![...this.ledger.accounts.values()].some((a) => a.host === 'prod')) this.seedAccounts();
    this.unsubscribe = deps.clock.onAdvance((from, to) => this.step(from, to));
  }

  get now(): number {
    return this.deps.clock.now();
  }

  private seedAccounts(): void {
    this.deps.store.transaction(() => {
      for (const a of this.opts.accounts) {
        const acc = this.ledger.openAccount('prod', a.name ?? 'Брокерский счёт', this.now);
        for (const [cur, amount] of Object.entries(a.money ?? {})) {
          this.ledger.payIn(acc.id, decimalToNanos(amount), cur.toLowerCase(), this.now);
        }
      }
    });
  }

  private index(o: OrderRec): void {
    this.orders.set(o.id, o);
    this.byKey.set(`${o.accountId}\u0000${o.requestId}`, o);
  }

  /** Listens to venue events; returns the unsubscribe function. */
  listen(fn: (e: VenueEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(e: VenueEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  /** Commission of `host` on `value`. */
  commission(host: Host, value: bigint): bigint {
    return commissionOf(value, this.rates[host]);
  }

  /** Accounts of a host (all statuses). */
  accountsOf(host: Host): AccountRec[] {
    return [...this.ledger.accounts.values()].filter((a) => a.host === host);
  }

  /** The account `id` of `host` (30021 empty, 50004 unknown or of the other host). */
  account(host: Host, id: string): AccountRec {
    if (id.trim() === '') throw E.accountIdMissing();
    const acc = this.ledger.accounts.get(id.trim());
    if (!acc || acc.host !== host) throw E.accountNotFound();
    return acc;
  }

  /** An open account of `host` for trading (30081 when closed). */
  tradingAccount(host: Host, id: string): AccountRec {
    const acc = this.account(host, id);
    if (acc.status !== 'open') throw E.accountClosed();
    return acc;
  }

  /** The instrument an id names (30093 empty, 50002 unknown). */
  instrument(id: string): Instrument {
    if (id.trim() === '') throw E.instrumentIdMissing();
    const inst = this.deps.directory.resolve(id);
    if (!inst) throw apiErrors.instrumentNotFound();
    return inst;
  }

  /** Price an order is valued at: its limit, else the last trade, else the best opposite quote. */
  valuation(inst: Instrument, direction: 'buy' | 'sell', now: number): bigint {
    const last = this.market.lastPrice(inst.uid, now);
    if (last !== undefined) return last;
    const best = this.market.opposite(inst.uid, now, direction, 1)[0];
    if (!best) throw E.notTradable();
    return best.price;
  }

  /** The order a repeat of `key` on `accountId` refers to, if any. */
  byRequest(accountId: string, key: string): OrderRec | undefined {
    return this.byKey.get(`${accountId}\u0000${key}`);
  }

  /**
   * Places an order, or answers a repeat of its key (the original order, or 30057, as configured):
   * a key never places a second order.
   */
  post(host: Host, req: OrderRequest, from: { stopOrderId?: string; at?: number } = {}): OrderRec {
    checkKey(req.requestId);
    const acc = this.tradingAccount(host, req.accountId);
    const seen = this.byRequest(acc.id, req.requestId);
    if (seen) {
      if (this.opts.repeatAnswer === 'duplicate') throw E.duplicateOrder();
      return seen;
    }
    const inst = this.instrument(req.instrumentId);
    checkShape(req, inst);
    const now = from.at ?? this.now;
    if (host === 'prod') checkSession(now);
    const direction = req.direction ?? 'buy';
    const valuation = this.valuation(inst, direction, now);
    if (host === 'prod') {
      const maxValue = decimalToNanos(this.opts.maxOrderValue);
      checkLimits(req, inst, valuation, { band: this.opts.priceBand, maxValue });
    }
    const limit = req.type === 'limit' ? (req.price ?? null) : null;
    const initialPrice = limit ?? valuation;
    const initialCommission = this.commission(host, valueOf(initialPrice, req.lots, inst.lot));
    const order = draftOrder(inst, req, {
      accountId: acc.id,
      host,
      direction,
      now,
      price: limit,
      initialPrice,
      initialCommission,
      stopOrderId: from.stopOrderId ?? null,
    });
    return this.deps.store.transaction(() => {
      checkAndBlock(this.ledger, order, initialPrice, initialCommission, {
        leverage: host === 'sandbox' ? this.opts.sandboxLeverage : undefined,
        shortEnabled: inst.shortEnabled,
      });
      this.ledger.saveBook(this.ledger.book(acc.id));
      order.id = this.ledger.nextId('order');
      this.index(order);
      const placed = this.models[host].place(order, now);
      this.book(order, placed.fills);
      const kill = req.tif !== 'day' && lotsLeft(order) > 0;
      if (placed.cancelRest || kill)
        this.finish(order, 'cancelled', placed.cancelRest ?? 'not filled at once');
      this.save(order);
      this.emit({ kind: 'book', accountId: acc.id, time: now });
      return order;
    });
  }

  /** Books planned fills of an order and announces them. */
  private book(order: OrderRec, planned: readonly PlannedFill[]): void {
    if (planned.length === 0) return;
    const fills: FillRec[] = [];
    for (const p of planned) {
      const fill: FillRec = { tradeId: this.ledger.nextId('trade'), ...p };
      const value = valueOf(p.price, p.lots, order.lot);
      const fee = this.commission(order.host, value);
      order.lotsExecuted += p.lots;
      order.executedValue += value;
      order.commission += fee;
      order.fills.push(fill);
      order.updatedAt = p.time;
      this.ledger.applyFill(order, fill, fee);
      fills.push(fill);
    }
    order.status = lotsLeft(order) === 0 ? 'fill' : 'partial';
    if (order.status === 'fill') release(this.ledger, order);
    this.ledger.saveBook(this.ledger.book(order.accountId));
    this.emit({ kind: 'fills', order, fills });
    this.emit({ kind: 'book', accountId: order.accountId, time: order.updatedAt });
  }

  /** Ends an order that still waits (cancelled or rejected), returning what it blocked. */
  finish(order: OrderRec, status: 'cancelled' | 'rejected', message: string, at = this.now): void {
    order.status = status;
    order.message = message;
    order.updatedAt = at;
    release(this.ledger, order);
    this.ledger.saveBook(this.ledger.book(order.accountId));
    this.emit({ kind: 'book', accountId: order.accountId, time: at });
  }

  save(order: OrderRec): void {
    this.deps.store.put('order', order.id, order);
    this.emit({ kind: 'order', order });
  }

  /** True while an order can still fill. */
  static active(o: OrderRec): boolean {
    return o.status === 'new' || o.status === 'partial';
  }

  /** One clock step: stop triggers, then resting orders against the step's trades, then expiry. */
  step(from: number, to: number): void {
    for (const hook of this.beforeStep) hook(from, to);
    const tapeOf = new Map<string, ReturnType<MarketTape['trades']>>();
    this.deps.store.transaction(() => {
      for (const o of [...this.orders.values()].filter(TradingVenue.active)) {
        let trades = tapeOf.get(o.uid);
        if (!trades) tapeOf.set(o.uid, (trades = this.deps.tape.trades(o.uid, from, to)));
        const fills = this.models[o.host].onTrades(o, tradesAfter(trades, o.createdAt));
        this.book(o, fills);
        if (TradingVenue.active(o) && o.expiresAt <= to) {
          this.finish(o, 'cancelled', 'cancelled at the end of the trading session', o.expiresAt);
        }
        if (fills.length > 0 || !TradingVenue.active(o)) this.save(o);
      }
    });
  }

  /** Stops listening to the clock. */
  close(): void {
    this.unsubscribe();
  }
}
