/**
 * @module What the simulated broker asks the economics before an execution: the money value a fee
 * is charged on (a bond's excludes accrued interest), and whether the account can take the trade.
 * A futures order that adds exposure needs free cash (cash minus the GO already blocked) of at
 * least the GO it adds plus its fee (a contract with no GO read is not checked); futures can be sold short without `allowShort` (shorting is
 * ordinary on a derivatives exchange) and nothing fills after the contract's last trading moment.
 * Any other buy needs free cash in its currency for its value, accrued interest and fee; a currency
 * held as an instrument's position counts as cash of that currency. A bond does not fill from its
 * maturity date on.
 */
import { isoUtc } from '../../core/time.ts';
import type { OrderSide, RejectCode } from '../ports/broker.ts';
import type { EconomicsBook } from './economics-book.ts';
import { valueOf } from './slot-economics.ts';

/** A refusal: the code and the one-line reason. */
export interface Refusal {
  code: RejectCode;
  reason: string;
}

/** What the simulated broker consults before executing (absent: the plain share rules). */
export interface TradeEconomics {
  /** Money value of `lots` at `price` (what a fee is a fraction of). */
  tradeValue(slot: number, lots: number, price: number): number;
  /** Why the execution cannot happen now, or undefined when it can. */
  refuse(order: TradeCheck): Refusal | undefined;
  /** True when the slot may go short without `allowShort` (futures). */
  shortsFree(slot: number): boolean;
}

/** One execution to check. */
export interface TradeCheck {
  slot: number;
  side: OrderSide;
  lots: number;
  price: number;
  commission: number;
  time: number;
}

function fmt(x: number): string {
  return x.toFixed(2);
}

/** The order checks of an economics book. */
export function tradeEconomics(e: EconomicsBook): TradeEconomics {
  return {
    tradeValue: (slot, lots, price) => valueOf(e.slots[slot], lots * e.pf.lotSize[slot], price),
    shortsFree: (slot) => e.slots[slot].kind === 'futures',
    refuse: (o) => refuse(e, o),
  };
}

function refuse(e: EconomicsBook, o: TradeCheck): Refusal | undefined {
  const x = e.slots[o.slot];
  const pf = e.pf;
  if (o.time >= x.tradableUntil) {
    const what = x.kind === 'bond' ? 'matured' : 'stopped trading';
    return {
      code: 'session-closed',
      reason: `${x.ticker} ${what} at ${isoUtc(x.tradableUntil)}; no order fills after it`,
    };
  }
  const units = o.lots * pf.lotSize[o.slot];
  const free = e.cashOf(x.ccy).value - e.blocked(x.ccy);
  if (x.kind === 'futures') {
    const before = pf.lots[o.slot];
    const after = before + (o.side === 'buy' ? o.lots : -o.lots);
    const go = (l: number) => Math.abs(l) * (l > 0 ? x.marginBuy : x.marginSell);
    const added = go(after) - go(before);
    if (added > 0 && free < added + o.commission - 1e-9) {
      return {
        code: 'insufficient-cash',
        reason: `insufficient cash: GO ${fmt(added)} + fee ${fmt(o.commission)} needed, ${fmt(free)} free`,
      };
    }
    return undefined;
  }
  if (o.side === 'buy') {
    const ai = e.accrued[o.slot];
    const need =
      valueOf(x, units, o.price) + o.commission + (ai === null ? 0 : units * ai.at(o.time));
    const held = x.ccy === 0 ? 0 : heldAsPosition(e, x.ccy);
    if (need > free + held + 1e-9) {
      return {
        code: 'insufficient-cash',
        reason: `insufficient cash: ${fmt(need)} needed, ${fmt(free + held)} available`,
      };
    }
  } else if (x.converts > 0) {
    // Selling a currency that other trades have spent leaves a debt in it: refused.
    const owed = e.cashOf(x.converts).value;
    const left = (pf.units[o.slot] - units) * x.nominal;
    if (owed < 0 && owed + left < -1e-9) {
      return {
        code: 'insufficient-cash',
        reason: `insufficient cash: selling ${x.ticker} would leave ${fmt(owed + left)} ${e.currencies[x.converts]}`,
      };
    }
  }
  return undefined;
}

/** Units of currency `c` held as the position of its currency instrument. */
function heldAsPosition(e: EconomicsBook, c: number): number {
  const slot = e.converters[c];
  return slot < 0 ? 0 : e.pf.units[slot] * e.slots[slot].nominal;
}
