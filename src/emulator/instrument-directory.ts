/**
 * @module Instrument lookup as the API resolves ids: by figi, by instrument uid, by ticker with a
 * class code, or by the `TICKER_CLASSCODE` form GetCandles accepts in `instrument_id`.
 */
import type { Instrument } from '../core/instrument.ts';

/** The emulator's instruments, indexed every way a request can name one. */
export class InstrumentDirectory {
  private readonly byFigi = new Map<string, Instrument>();
  private readonly byUid = new Map<string, Instrument>();
  private readonly byTicker = new Map<string, Instrument>();

  constructor(readonly all: readonly Instrument[]) {
    for (const i of all) {
      this.byFigi.set(i.figi.toUpperCase(), i);
      this.byUid.set(i.uid.toLowerCase(), i);
      this.byTicker.set(tickerKey(i.ticker, i.classCode), i);
    }
  }

  /** By figi (case-insensitive). */
  figi(figi: string): Instrument | undefined {
    return this.byFigi.get(figi.trim().toUpperCase());
  }

  /** By instrument uid (case-insensitive). */
  uid(uid: string): Instrument | undefined {
    return this.byUid.get(uid.trim().toLowerCase());
  }

  /** By ticker and class code (both case-insensitive). */
  ticker(ticker: string, classCode: string): Instrument | undefined {
    return this.byTicker.get(tickerKey(ticker, classCode));
  }

  /** By any id GetCandles accepts: figi, uid, or `TICKER_CLASSCODE`. */
  resolve(id: string): Instrument | undefined {
    const s = id.trim();
    const direct = this.figi(s) ?? this.uid(s);
    if (direct) return direct;
    const cut = s.lastIndexOf('_');
    return cut > 0 ? this.ticker(s.slice(0, cut), s.slice(cut + 1)) : undefined;
  }
}

function tickerKey(ticker: string, classCode: string): string {
  return `${ticker.trim().toUpperCase()}\u0000${classCode.trim().toUpperCase()}`;
}
