/**
 * @module Applies a run's dated economic events to its book as the replay passes them: variation
 * margin at each clearing (the position marked at the last price, minus its basis and what earlier
 * clearings paid, rounded half away from zero to kopecks as MOEX pays it), dividends and coupons as
 * cash, and the closing fills of expiries and redemptions. See economic-events.ts for the dates.
 */
import { Ledger } from '../portfolio/ledger.ts';
import { printedDecimal } from '../exact/printed-decimal.ts';
import { roundDivBig } from '../exact/round-div.ts';
import type { Dividend } from '../../core/instrument-economics.ts';
import type { EconomicEvent } from './economic-events.ts';
import type { EconomicsBook } from './economics-book.ts';
import { addValue } from './slot-economics.ts';

/** Runs the events due before `t` (`strict`) or at or before it. */
export function processEvents(e: EconomicsBook, t: number, strict: boolean): void {
  const sch = e.schedule;
  while (e.k < sch.length) {
    const ev = sch[e.k];
    if (strict ? ev.at >= t : ev.at > t) break;
    e.k++;
    apply(e, ev);
  }
  e.next = e.k < sch.length ? sch[e.k].at : Infinity;
  e.syncCash();
}

function apply(e: EconomicsBook, ev: EconomicEvent): void {
  const pf = e.pf;
  switch (ev.kind) {
    case 'clearing':
      for (let s = 0; s < e.slots.length; s++) {
        if (e.slots[s].kind === 'futures' && pf.lots[s] !== 0) clear(e, s);
      }
      return;
    case 'dividend':
      e.hold.dividend(ev.slot, ev.dividend);
      if (pf.units[ev.slot] !== 0) dividend(e, ev.slot, ev.dividend);
      return;
    case 'coupon-fix':
      e.hold.fixCoupon(ev.slot, ev.id);
      if (pf.units[ev.slot] !== 0) e.entitled.set(ev.id, pf.units[ev.slot]);
      return;
    case 'coupon-pay': {
      e.hold.payCoupon(ev.slot, ev.id, ev.coupon.perBond);
      const units = e.entitled.get(ev.id);
      if (units === undefined) return;
      e.entitled.delete(ev.id);
      e.cashOf(e.slots[ev.slot].ccy).addTimes(units, ev.coupon.perBond);
      e.income[ev.slot].coupons.addTimes(units, ev.coupon.perBond);
      return;
    }
    case 'expiry':
      close(e, ev.slot, pf.last[ev.slot], ev.at, 'expiry');
      return;
    case 'redemption':
      close(e, ev.slot, 100, ev.at, 'redemption');
  }
}

/** Credits a futures position's variation margin since the last clearing. */
function clear(e: EconomicsBook, s: number): void {
  const pf = e.pf;
  const last = pf.last[s];
  if (last !== last) return;
  const vm = new Ledger();
  addValue(vm, e.slots[s], pf.units[s], last);
  vm.addLedger(pf.book.basis[s], -1);
  vm.addLedger(e.settled[s], -1);
  const paid = vm.rounded(2);
  if (paid === 0) return;
  e.cashOf(e.slots[s].ccy).add(paid);
  e.settled[s].add(paid);
  e.income[s].variationMargin.add(paid);
}

/** A long receives the dividend net of tax; a short pays it gross. */
function dividend(e: EconomicsBook, s: number, d: Dividend): void {
  const units = e.pf.units[s];
  const c = e.currencies.indexOf(d.currency);
  const cash = e.cashOf(c < 0 ? e.slots[s].ccy : c);
  const gross = new Ledger();
  gross.addTimes(units, d.perShare);
  cash.addLedger(gross, 1);
  e.income[s].dividends.addLedger(gross, 1);
  if (units > 0 && e.dividendTax > 0) {
    const tax = taxOn(gross, e.dividendTax);
    cash.add(-tax);
    e.income[s].dividendTax.add(tax);
  }
}

/** gross × rate, rounded half away from zero to kopecks, exactly. */
export function taxOn(gross: Ledger, rate: number): number {
  const g = gross.exact();
  const r = printedDecimal(rate);
  const places = g.places + r.places;
  const n = g.units * r.units;
  const q = places >= 2 ? roundDivBig(n, 10n ** BigInt(places - 2)) : n * 10n ** BigInt(2 - places);
  return Number(q) / 100;
}

/** Closes a position in full at `price` with a fee-free fill (expiry, redemption). */
function close(e: EconomicsBook, s: number, price: number, at: number, why: string): void {
  const pf = e.pf;
  const lots = pf.lots[s];
  if (lots === 0 || price !== price) return;
  e.synthetic = true;
  try {
    pf.applyFill(s, {
      orderId: `${why}-${e.slots[s].ticker}`,
      instrumentUid: pf.instruments[s].uid,
      side: lots > 0 ? 'sell' : 'buy',
      lots: Math.abs(lots),
      price,
      time: at,
      commission: 0,
    });
  } finally {
    e.synthetic = false;
  }
}
