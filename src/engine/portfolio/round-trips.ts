/**
 * @module Round-trip bookkeeping: a trade runs from the fill that opens a position to the fill that
 * makes it flat again. Scaling in adds to the entry; a fill that flips the position closes the trip
 * with the lots that flatten it and opens a new one with the rest, splitting its commission in
 * proportion to those lots.
 */
import type { RoundTrip } from '../result.ts';
import { roundMoney } from './money.ts';

/** A trip in progress for one instrument. */
interface OpenTrip {
  side: 'long' | 'short';
  entryTime: number;
  entryLots: number;
  entryValue: number;
  exitLots: number;
  exitValue: number;
  /** Gross P&L realised so far (before commission). */
  gross: number;
  /** The entry price while every entry fill had the same one (NaN once they differ). */
  entrySame: number;
  /** The same for exits (undefined before the first exit). */
  exitSame: number | undefined;
  commission: number;
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

  constructor(
    private readonly tickers: readonly string[],
    private readonly uids: readonly string[],
    private readonly lotSizes: readonly number[],
  ) {
    this.open = tickers.map(() => null);
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
    const closeFee = rest === 0 ? f.commission : roundMoney((f.commission * closing) / Math.abs(q));
    const t = trip as OpenTrip;
    const unit = this.lotSizes[f.slot];
    t.exitSame = t.exitSame === undefined || t.exitSame === f.price ? f.price : NaN;
    t.exitLots += closing;
    t.exitValue += closing * unit * f.price;
    t.gross += (t.side === 'long' ? 1 : -1) * closing * unit * f.price;
    t.commission += closeFee;
    if (closing === Math.abs(positionBefore)) {
      this.finish(f, t);
      if (rest > 0) {
        const next = this.start(f, q);
        this.addEntry(next, f.slot, rest, f.price, roundMoney(f.commission - closeFee));
      }
    }
  }

  private start(f: TripFill, q: number): OpenTrip {
    const trip: OpenTrip = {
      side: q > 0 ? 'long' : 'short',
      entryTime: f.time,
      entryLots: 0,
      entryValue: 0,
      exitLots: 0,
      exitValue: 0,
      gross: 0,
      commission: 0,
      entrySame: f.price,
      exitSame: undefined,
    };
    this.open[f.slot] = trip;
    return trip;
  }

  private addEntry(t: OpenTrip, slot: number, lots: number, price: number, fee: number): void {
    const value = lots * this.lotSizes[slot] * price;
    if (t.entrySame !== price) t.entrySame = NaN;
    t.entryLots += lots;
    t.entryValue += value;
    t.gross -= (t.side === 'long' ? 1 : -1) * value;
    t.commission += fee;
  }

  private finish(f: TripFill, t: OpenTrip): void {
    const units = t.entryLots * this.lotSizes[f.slot];
    this.trips.push({
      instrument: this.tickers[f.slot],
      instrumentUid: this.uids[f.slot],
      side: t.side,
      lots: t.entryLots,
      entryTime: t.entryTime,
      entryPrice: t.entrySame === t.entrySame ? t.entrySame : cleanPrice(t.entryValue / units),
      exitTime: f.time,
      exitPrice:
        t.exitSame === t.exitSame
          ? (t.exitSame as number)
          : cleanPrice(t.exitValue / (t.exitLots * this.lotSizes[f.slot])),
      pnl: roundMoney(t.gross - t.commission),
      commission: roundMoney(t.commission),
    });
    this.open[f.slot] = null;
  }
}

/**
 * A volume-weighted average price (fills at different prices) without binary noise: 20 × 249.71 / 20 gives 249.70999999999998; 12 significant
 * digits are far more than any exchange price carries, and drop the noise.
 */
function cleanPrice(x: number): number {
  return Number(x.toPrecision(12));
}
