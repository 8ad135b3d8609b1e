/**
 * @module Stop orders (take-profit, stop-loss, stop-limit; good till cancel or till a date), held by
 * the venue and triggered on its last price: on each clock step the first tape trade at or through
 * the stop price turns a stop order into an exchange order placed at that trade's time (market for
 * stop-loss and market take-profit, limit at the order's price for stop-limit and limit take-profit).
 * A trailing take-profit follows the trades from its activation price (see trailing-stop.ts).
 */
import { numberToNanos } from '../../wire/convert/nanos.ts';
import { onTick, stepNanos } from './amounts.ts';
import { checkKey } from './order-intake.ts';
import type { Direction, Host, StopKind, StopOrderRec, StopStatus } from './records.ts';
import { tradingErrors as E } from './trading-errors.ts';
import { trailingOrderPrice, trailingTrade, type TrailingRec } from './trailing-stop.ts';
import type { TradingVenue } from './venue.ts';

/** A new stop order as the services hand it over. */
export interface StopRequest {
  accountId: string;
  requestId: string;
  instrumentId: string;
  direction: Direction | undefined;
  kind: StopKind | undefined;
  lots: number;
  stopPrice: bigint | undefined;
  price: bigint | undefined;
  /** null = good till cancel; undefined = expiration type missing. */
  expiresAt: number | null | undefined;
  /** A take-profit places a limit order at `price` instead of a market order. */
  limitTakeProfit: boolean;
  /** A trailing take-profit's indent and spread (TAKE_PROFIT_TYPE_TRAILING). */
  trailing?: Pick<TrailingRec, 'indent' | 'indentRelative' | 'spread' | 'spreadRelative'>;
}

/** 30039 unless `t` is a trailing take-profit's sound indent and spread. */
function checkTrailing(req: StopRequest, t: NonNullable<StopRequest['trailing']>): void {
  if (req.kind !== 'take-profit') throw E.trailingInvalid('only a take-profit can trail');
  if (t.indent <= 0n) throw E.trailingInvalid('indent must be positive');
  if (t.spread < 0n) throw E.trailingInvalid('spread must not be negative');
  const hundred = 100_000_000_000n;
  if (t.indentRelative && t.indent >= hundred) throw E.trailingInvalid('indent must be below 100%');
  if (t.spreadRelative && t.spread >= hundred) throw E.trailingInvalid('spread must be below 100%');
}

/** True when a trade at `price` triggers `s`. */
function triggers(s: StopOrderRec, price: bigint): boolean {
  const up = price >= s.stopPrice;
  const down = price <= s.stopPrice;
  if (s.kind === 'take-profit') return s.direction === 'sell' ? up : down;
  return s.direction === 'sell' ? down : up;
}

export class StopBook {
  readonly stops = new Map<string, StopOrderRec>();

  constructor(private readonly venue: TradingVenue) {
    for (const s of venue.deps.store.all<StopOrderRec>('stop')) this.stops.set(s.id, s);
    venue.beforeStep.push((from, to) => this.step(from, to));
  }

  private save(s: StopOrderRec): void {
    this.venue.deps.store.put('stop', s.id, s);
  }

  /** Places a stop order (idempotent on its key like ordinary orders). */
  post(host: Host, req: StopRequest): StopOrderRec {
    checkKey(req.requestId);
    const acc = this.venue.tradingAccount(host, req.accountId);
    const seen = [...this.stops.values()].find(
      (s) => s.accountId === acc.id && s.requestId === req.requestId,
    );
    if (seen) {
      if (this.venue.opts.repeatAnswer === 'duplicate') throw E.duplicateOrder();
      return seen;
    }
    const inst = this.venue.instrument(req.instrumentId);
    if (req.lots <= 0 || !Number.isSafeInteger(req.lots)) throw E.quantityNotPositive();
    if (!req.direction) throw E.directionMissing();
    if (!req.kind) throw E.stopTypeMissing();
    if (req.stopPrice === undefined) throw E.stopPriceMissing();
    const step = stepNanos(inst.minPriceIncrement);
    if (req.trailing) checkTrailing(req, req.trailing);
    // A trailing take-profit's order price comes from its spread at the trigger.
    const needsPrice =
      req.kind === 'stop-limit' ||
      (req.kind === 'take-profit' && req.limitTakeProfit && !req.trailing);
    if (needsPrice && req.price === undefined) throw E.priceMissing();
    for (const p of [req.stopPrice, needsPrice ? req.price : undefined]) {
      if (p !== undefined && p <= 0n) throw E.priceNotPositive();
      if (p !== undefined && !onTick(p, step)) throw E.badTick();
    }
    if (req.expiresAt === undefined) throw E.expirationTypeMissing();
    const now = this.venue.now;
    if (req.expiresAt !== null && req.expiresAt <= now) throw E.expireDateInvalid();
    const s: StopOrderRec = {
      id: this.venue.ledger.nextId('stop'),
      requestId: req.requestId,
      accountId: acc.id,
      host,
      uid: inst.uid,
      figi: inst.figi,
      ticker: inst.ticker,
      classCode: inst.classCode,
      kind: req.kind,
      lot: inst.lot,
      currency: inst.currency,
      direction: req.direction,
      lots: req.lots,
      stopPrice: req.stopPrice,
      price: needsPrice ? (req.price ?? null) : null,
      expiresAt: req.expiresAt,
      status: 'active',
      createdAt: now,
      activatedAt: null,
      closedAt: null,
      exchangeOrderId: null,
      ...(req.trailing ? { trailing: { ...req.trailing, activated: false, extr: null } } : {}),
    };
    this.stops.set(s.id, s);
    this.save(s);
    return s;
  }

  /** The stop order `id` of an account (50006). */
  find(host: Host, accountId: string, id: string): StopOrderRec {
    const acc = this.venue.account(host, accountId);
    const s = this.stops.get(id.trim());
    if (!s || s.accountId !== acc.id) throw E.stopOrderNotFound();
    return s;
  }

  cancel(s: StopOrderRec): number {
    if (s.status !== 'active') throw E.cancelStopError(`stop order ${s.id} is ${s.status}`);
    this.close(s, 'cancelled', this.venue.now);
    return s.closedAt!;
  }

  /** Stop orders of an account with `status` (undefined: every status), created in [from, to). */
  list(
    host: Host,
    accountId: string,
    status: StopStatus | undefined,
    from = -Infinity,
    to = Infinity,
  ) {
    const acc = this.venue.account(host, accountId);
    return [...this.stops.values()].filter(
      (s) =>
        s.accountId === acc.id &&
        (status === undefined || s.status === status) &&
        s.createdAt >= from &&
        s.createdAt < to,
    );
  }

  private close(s: StopOrderRec, status: StopStatus, at: number): void {
    s.status = status;
    s.closedAt = at;
    this.save(s);
  }

  private step(from: number, to: number): void {
    for (const s of [...this.stops.values()].filter((x) => x.status === 'active')) {
      const trades = this.venue.deps.tape
        .trades(s.uid, from, to)
        .filter((t) => t.time > s.createdAt && (s.expiresAt === null || t.time < s.expiresAt));
      const trade = s.trailing
        ? this.trail(s, s.trailing, trades)
        : trades.find((t) => triggers(s, numberToNanos(t.price)));
      if (trade) {
        const price = s.trailing
          ? trailingOrderPrice(s.trailing, s.direction, numberToNanos(trade.price), this.tick(s))
          : s.price;
        this.fire(s, trade.time, price);
      } else if (s.expiresAt !== null && s.expiresAt <= to) this.close(s, 'expired', s.expiresAt);
      else if (s.trailing) this.save(s);
    }
  }

  /** Feeds `trades` to a trailing stop; the trade that triggers it, if one does. */
  private trail<T extends { price: number }>(
    s: StopOrderRec,
    t: TrailingRec,
    trades: T[],
  ): T | undefined {
    return trades.find((x) => trailingTrade(t, s.direction, s.stopPrice, numberToNanos(x.price)));
  }

  private tick(s: StopOrderRec): bigint {
    return stepNanos(this.venue.instrument(s.uid).minPriceIncrement);
  }

  private fire(s: StopOrderRec, at: number, price: bigint | null): void {
    s.activatedAt = at;
    try {
      const order = this.venue.post(
        s.host,
        {
          accountId: s.accountId,
          requestId: s.id,
          instrumentId: s.uid,
          direction: s.direction,
          type: price === null ? 'market' : 'limit',
          tif: 'day',
          lots: s.lots,
          price: price ?? undefined,
        },
        { stopOrderId: s.id, at },
      );
      s.exchangeOrderId = order.id;
      if (s.trailing) s.price = price;
      this.close(s, 'executed', at);
    } catch {
      // The exchange order was refused (funds, session): the stop order is withdrawn.
      this.close(s, 'cancelled', at);
    }
  }
}
