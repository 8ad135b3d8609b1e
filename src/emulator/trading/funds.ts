/**
 * @module Buying power and blocking. A buy blocks its estimated value plus commission; a sell blocks
 * the pieces the account holds (the rest is a short). The sandbox grants its documented leverage in
 * both directions (30034 beyond it); the production-like venue lends nothing on buys and allows a
 * short only of a shortable instrument covered by free money (30042 otherwise).
 */
import { valueOf } from './amounts.ts';
import type { Ledger } from './ledger.ts';
import type { OrderRec } from './records.ts';
import { tradingErrors as E } from './trading-errors.ts';

/** What the venue's funds rules need to know. */
export interface FundsRules {
  /** Sandbox leverage (buying power = leverage × free money); undefined on the production venue. */
  leverage: number | undefined;
  shortEnabled: boolean;
}

/** Free money of an account in a currency (balance less what orders blocked). */
export function freeMoney(ledger: Ledger, accountId: string, currency: string): bigint {
  const m = ledger.money(accountId, currency);
  return m.balance - m.blocked;
}

/** Free pieces of a security (held less what sell orders blocked; 0 when short). */
export function freePieces(ledger: Ledger, accountId: string, uid: string): number {
  const s = ledger.security(accountId, uid);
  return Math.max(0, s.balance - s.blocked);
}

/**
 * Checks that `order`, valued at `price` per piece with `commission`, is covered, then blocks what
 * it needs (recorded on the order so fills and cancels release exactly that).
 */
export function checkAndBlock(
  ledger: Ledger,
  order: OrderRec,
  price: bigint,
  commission: bigint,
  rules: FundsRules,
): void {
  const free = freeMoney(ledger, order.accountId, order.currency);
  const power = rules.leverage === undefined ? free : free * BigInt(rules.leverage);
  const value = valueOf(price, order.lotsRequested, order.lot);
  if (order.direction === 'buy') {
    if (value + commission > power) {
      throw rules.leverage === undefined ? E.notEnoughAssets() : E.notEnoughBalance();
    }
    ledger.money(order.accountId, order.currency).blocked += value + commission;
    order.blockedMoney = value + commission;
    return;
  }
  const pieces = order.lotsRequested * order.lot;
  const held = freePieces(ledger, order.accountId, order.uid);
  const short = BigInt(Math.max(0, pieces - held));
  if (short > 0n) {
    const shortValue = short * price;
    if (rules.leverage === undefined && (!rules.shortEnabled || shortValue > free)) {
      throw E.notEnoughAssets();
    }
    if (rules.leverage !== undefined && shortValue > power) throw E.notEnoughBalance();
  }
  const block = Math.min(pieces, held);
  ledger.security(order.accountId, order.uid).blocked += block;
  order.blockedPieces = block;
}

/** Returns what a finished order still blocks. */
export function release(ledger: Ledger, order: OrderRec): void {
  ledger.money(order.accountId, order.currency).blocked -= order.blockedMoney;
  ledger.security(order.accountId, order.uid).blocked -= order.blockedPieces;
  order.blockedMoney = 0n;
  order.blockedPieces = 0;
}
