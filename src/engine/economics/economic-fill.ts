/**
 * @module One execution of a special slot, booked exactly. Commission always leaves the cash of the
 * instrument's currency. A bond or a share in another currency moves its cash by the money value
 * (a bond's: ticks × step × nominal / 100, plus the accrued interest per bond paid on a buy or
 * received on a sale). A futures fill moves no cash but the commission: the position's basis is
 * booked at the money value of its price, and its P&L reaches cash as variation margin, at each
 * clearing and, for the part not yet settled, when it is closed. Realised P&L follows the portfolio's
 * average-cost rule in money. Totals the account states in the base currency (commission, traded
 * value) take other currencies at the fill's rate, as doubles.
 */
import { Ledger } from '../portfolio/ledger.ts';
import type { FillRecord } from '../result.ts';
import type { EconomicsBook } from './economics-book.ts';
import { addValue, valueOf } from './slot-economics.ts';

/** Books a fill of a special slot. */
export function applyEconomicFill(e: EconomicsBook, slot: number, fill: FillRecord): void {
  const pf = e.pf;
  const b = pf.book;
  const x = e.slots[slot];
  const q = fill.side === 'buy' ? fill.lots : -fill.lots;
  const before = pf.lots[slot];
  const unit = pf.lotSize[slot];
  const { price, commission } = fill;
  const cash = e.cashOf(x.ccy);
  const rate = e.rate(x.ccy);
  cash.add(-commission);
  if (x.ccy === 0) {
    b.commission.add(commission);
    addValue(b.traded, x, fill.lots * unit, price);
  } else {
    b.commission.add(commission * rate);
    b.traded.add(valueOf(x, fill.lots * unit, price) * rate);
  }
  pf.commission = b.commission.value;
  pf.tradedValue = b.traded.value;
  b.paid[slot].add(commission);
  pf.paid[slot] = b.paid[slot].value;
  if (x.kind !== 'futures') {
    addValue(cash, x, -q * unit, price);
    const ai = e.accrued[slot];
    if (ai !== null && !e.synthetic) {
      const perBond = ai.at(fill.time);
      cash.addTimes(-q * unit, perBond);
      e.income[slot].accrued.addTimes(-q * unit, perBond);
    }
  }
  const basis = b.basis[slot];
  const after = before + q;
  if (before !== 0 && Math.sign(q) !== Math.sign(before)) {
    const closing = Math.min(Math.abs(q), Math.abs(before));
    const pnl = new Ledger();
    addValue(pnl, x, Math.sign(before) * closing * unit, price);
    basis.moveShare(closing, Math.abs(before), pnl, -1);
    b.realized[slot].addLedger(pnl, 1);
    pf.realized[slot] = b.realized[slot].value;
    if (x.kind === 'futures') {
      // What the clearings have not yet paid of the closed part is paid now.
      e.settled[slot].moveShare(closing, Math.abs(before), pnl, -1);
      cash.addLedger(pnl, 1);
      e.income[slot].variationMargin.addLedger(pnl, 1);
    }
    const rest = Math.abs(q) - closing;
    if (rest > 0) addValue(basis, x, Math.sign(q) * rest * unit, price);
  } else addValue(basis, x, q * unit, price);
  const perUnit = after === 0 ? 0 : Math.abs(basis.per(Math.abs(after) * unit));
  pf.averagePrice[slot] = x.tickValue === x.tickValue ? (perUnit / x.tickValue) * x.step : perUnit;
  e.syncCash();
  pf.commitPosition(slot, fill, before, q);
}
