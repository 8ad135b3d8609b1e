/**
 * @module Round-trip bookkeeping: a trade runs from the fill that opens a position to the fill that
 * makes it flat again. Scaling in adds to the entry; a fill that flips the position closes the trip
 * with the lots that flatten it and opens a new one with the rest, splitting its commission in
 * proportion to those lots (rounded half away from zero to kopecks; the other trip
 * gets the rest, so the two add up to the fill's commission). Values and P&L are exact Ledgers; a
 * trip's P&L is rounded to kopecks once, when it closes, and an average entry or exit price (fills at
 * several prices) is the exact value over units, correctly rounded.
 */
import { decimalsOf, POW10, scaledAt } from '../exact/decimal-grid.ts';
import { roundDiv } from '../exact/round-div.ts';
import type { RoundTrip } from '../result.ts';
import { Ledger } from './ledger.ts';
import { roundMoney } from './money.ts';

/** A trip in progress for one instrument. */
interface OpenTrip {
  side: 'long' | 'short';
  entryTime: number;
  entryLots: number;
  entryValue: Ledger;
  exitLots: number;
  exitValue: Ledger;
  /** P&L so far: exit values minus entry values (of a long; the reverse of a short) minus fees. */
  net: Ledger;
  /** The entry price while every entry fill had the same one (NaN once they differ). */
  entrySame: number;
  /** The same for exits (undefined before the first exit). */
  exitSame: number | undefined;
  commission: Ledger;
}

/** One execution as the tracker sees it: signed lots (+ buy, - sell). */
export interface TripFill {
  slot: number;
  signedLots: number;
  price: number;
  commission: number;
  time: number;
}

/** Collects finished round trips per instrument slot. */
export class RoundTripTracker {
  readonly trips: RoundTrip[] = [];
  private readonly open: (OpenTrip | null)[];
  /**
   * Per slot, money per price step and the step, for prices that are not money per unit (futures
   * points, bond percent); NaN for a plain price. Set by the economics; P&L is then in money.
   */
  private tickValue: Float64Array | undefined;
  private steps: Float64Array | undefined;

  constructor(
    private readonly tickers: readonly string[],
    private readonly uids: readonly string[],
    private readonly lotSizes: readonly number[],
  ) {
    this.open = tickers.map(() => null);
  }

  /** Makes slots' P&L money: `tickValue[slot]` per step of `steps[slot]` (NaN: price is money). */
  valueTicks(tickValue: Float64Array, steps: Float64Array): void {
    this.tickValue = tickValue;
    this.steps = steps;
  }

  /** Adds `units` (signed) at `price` to a trip's P&L, in money. */
  private addNet(net: Ledger, slot: number, units: number, price: number): void {
    const tv = this.tickValue?.[slot] ?? NaN;
    if (tv !== tv) net.addTimes(units, price);
    else net.addTimes(units * Math.round(price / (this.steps as Float64Array)[slot]), tv);
  }

  /** Records a fill given the position (in lots, signed) it was applied to. */
  record(f: TripFill, positionBefore: number): void {
    const q = f.signedLots;
    let trip = this.open[f.slot];
    if (positionBefore === 0 || Math.sign(q) === Math.sign(positionBefore)) {
      trip ??= this.start(f, q);
      this.addEntry(trip, f.slot, Math.abs(q), f.price, f.commission);
      return;
    }
    const closing = Math.min(Math.abs(q), Math.abs(positionBefore));
    const rest = Math.abs(q) - closing;
    const closeFee = rest === 0 ? f.commission : splitAmount(f.commission, closing, Math.abs(q));
    const t = trip as OpenTrip;
    const units = closing * this.lotSizes[f.slot];
    t.exitSame = t.exitSame === undefined || t.exitSame === f.price ? f.price : NaN;
    t.exitLots += closing;
    t.exitValue.addTimes(units, f.price);
    this.addNet(t.net, f.slot, t.side === 'long' ? units : -units, f.price);
    t.net.add(-closeFee);
    t.commission.add(closeFee);
    if (closing === Math.abs(positionBefore)) {
      this.finish(f, t);
      if (rest > 0) {
        const next = this.start(f, q);
        const restFee = new Ledger(f.commission);
        restFee.add(-closeFee);
        this.addEntry(next, f.slot, rest, f.price, restFee.value);
      }
    }
  }

  private start(f: TripFill, q: number): OpenTrip {
    const trip: OpenTrip = {
      side: q > 0 ? 'long' : 'short',
      entryTime: f.time,
      entryLots: 0,
      entryValue: new Ledger(),
      exitLots: 0,
      exitValue: new Ledger(),
      net: new Ledger(),
      commission: new Ledger(),
      entrySame: f.price,
      exitSame: undefined,
    };
    this.open[f.slot] = trip;
    return trip;
  }

  private addEntry(t: OpenTrip, slot: number, lots: number, price: number, fee: number): void {
    const units = lots * this.lotSizes[slot];
    if (t.entrySame !== price) t.entrySame = NaN;
    t.entryLots += lots;
    t.entryValue.addTimes(units, price);
    this.addNet(t.net, slot, t.side === 'long' ? -units : units, price);
    t.net.add(-fee);
    t.commission.add(fee);
  }

  private finish(f: TripFill, t: OpenTrip): void {
    const units = t.entryLots * this.lotSizes[f.slot];
    this.trips.push({
      instrument: this.tickers[f.slot],
      instrumentUid: this.uids[f.slot],
      side: t.side,
      lots: t.entryLots,
      entryTime: t.entryTime,
      entryPrice: t.entrySame === t.entrySame ? t.entrySame : t.entryValue.per(units),
      exitTime: f.time,
      exitPrice:
        t.exitSame === t.exitSame
          ? (t.exitSame as number)
          : t.exitValue.per(t.exitLots * this.lotSizes[f.slot]),
      pnl: t.net.rounded(2),
      commission: t.commission.rounded(2),
    });
    this.open[f.slot] = null;
  }
}

/** x · part / whole, half away from zero to kopecks or x's own decimals if finer. */
function splitAmount(x: number, part: number, whole: number): number {
  const k = decimalsOf(x, 2);
  if (k < 0) return roundMoney((x * part) / whole);
  const n = scaledAt(x, k) * part;
  return Number.isSafeInteger(n) ? roundDiv(n, whole) / POW10[k] : roundMoney((x * part) / whole);
}
