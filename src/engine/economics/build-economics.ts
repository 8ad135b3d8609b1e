/**
 * @module Decides whether a run needs instrument economics and builds them. A run of shares in one
 * currency with no dividend or coupon inside its range needs none: it runs exactly as before, on the
 * plain share path. Otherwise (a futures contract or a bond with its spec, instruments in several
 * currencies, or an income event in the range) the run gets an EconomicsBook, the broker's trade
 * checks and what the fingerprint records of them.
 */
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { TimeRange } from '../../core/time.ts';
import { sha256, sortedKeys } from '../backtest/fingerprint.ts';
import type { Clock } from '../ports/clock.ts';
import { BondAccrual } from './accrued-interest.ts';
import { CLEARINGS_TEXT, eveningClearingOf, utcDay } from './clearing-times.ts';
import { buildSchedule } from './economic-events.ts';
import { EconomicsBook } from './economics-book.ts';
import {
  DEFAULT_BASE_CURRENCY,
  DEFAULT_DIVIDEND_TAX,
  type EconomicsInput,
} from './economics-input.ts';
import { tradeEconomics, type TradeEconomics } from './order-checks.ts';
import { slotEconomics, type SlotEconomics } from './slot-economics.ts';

/** A run's economics, when it needs them. */
export interface RunEconomics {
  book: EconomicsBook;
  trade: TradeEconomics;
  /** What the fingerprint's models record. */
  fingerprint: Record<string, unknown>;
}

/** What the economics are built from. */
export interface EconomicsSetup {
  instruments: readonly Instrument[];
  input: EconomicsInput | undefined;
  range: TimeRange;
  clock: Clock;
  startingCash: number;
}

/** The run's currencies, its base first, or a UsageError naming the fix. */
export function runCurrencies(instruments: readonly Instrument[], base?: string): string[] {
  const found = [...new Set(instruments.map((i) => i.currency))].sort();
  const b = base ?? (found.length === 1 ? found[0] : DEFAULT_BASE_CURRENCY);
  return [b, ...found.filter((c) => c !== b)];
}

/** The economics of a run, or undefined when it needs none (plain shares, one currency). */
export function buildEconomics(s: EconomicsSetup): RunEconomics | undefined {
  const input = s.input ?? {};
  const tax = input.dividendTax ?? DEFAULT_DIVIDEND_TAX;
  if (!(tax >= 0 && tax < 1)) {
    throw new UsageError(`dividend tax ${tax} is not in [0, 1)`, 'pass a fraction, e.g. 0.13');
  }
  const currencies = runCurrencies(s.instruments, input.baseCurrency);
  const priced = currencies.length;
  const ccyIndex = (c: string) => {
    const k = currencies.indexOf(c);
    return k < 0 ? currencies.push(c) - 1 : k;
  };
  const slots = s.instruments.map((i) => slotEconomics(i, ccyIndex));
  const uids = new Set(s.instruments.map((i) => i.uid));
  const dividends = (input.dividends ?? []).filter((d) => uids.has(d.instrumentUid));
  const coupons = (input.coupons ?? []).filter((c) => uids.has(c.instrumentUid));
  const schedule = buildSchedule({
    slots,
    uids: s.instruments.map((i) => i.uid),
    range: s.range,
    dividends,
    coupons,
    ends: s.instruments.map((i) => endOf(i)),
  });
  const special = slots.some((x) => x.kind === 'futures' || x.kind === 'bond');
  if (!special && priced === 1 && schedule.length === 0) return undefined;
  const converters = currencies.map((c, k) =>
    k === 0 ? -1 : converterOf(slots, c, k, currencies[0]),
  );
  const book = new EconomicsBook({
    instruments: s.instruments,
    slots,
    currencies,
    converters,
    schedule,
    dividendTax: tax,
    accrued: s.instruments.map((i, k) =>
      slots[k].kind === 'bond'
        ? new BondAccrual(
            coupons.filter((c) => c.instrumentUid === i.uid),
            i.bond?.placementDate,
          )
        : null,
    ),
    clock: s.clock,
    startingCash: s.startingCash,
  });
  const specs = s.instruments.map((i) => ({
    futures: i.futures,
    bond: i.bond,
    pair: i.currencyPair,
  }));
  return {
    book,
    trade: tradeEconomics(book),
    fingerprint: {
      baseCurrency: currencies[0],
      dividendTax: tax,
      clearings: [...CLEARINGS_TEXT],
      inputHash: sha256(JSON.stringify(sortedKeys({ specs, dividends, coupons }))),
    },
  };
}

function endOf(i: Instrument): number {
  if (i.kind === 'futures' && i.futures !== undefined)
    return eveningClearingOf(i.futures.lastTradeDate);
  if (i.kind === 'bond' && i.bond?.maturityDate !== undefined) return utcDay(i.bond.maturityDate);
  return NaN;
}

/** The slot of the currency instrument that prices `ccy` (index k) in the base currency. */
function converterOf(
  slots: readonly SlotEconomics[],
  ccy: string,
  k: number,
  base: string,
): number {
  const slot = slots.findIndex((x) => x.converts === k && x.ccy === 0);
  if (slot >= 0) return slot;
  throw new UsageError(
    `the run holds ${ccy} but has no currency instrument that prices ${ccy} in its base currency`,
    `add one (e.g. USD000UTSTOM for usd in rub) to the run, or backtest ${ccy} instruments apart from ${base} ones`,
  );
}
