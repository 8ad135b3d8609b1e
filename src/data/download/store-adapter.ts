/**
 * @module The SQLite cache seen through the downloader's HistoryStore port (candles, specs, and
 * each kind's economics).
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { importArchiveBytes } from '../archive/import-archive.ts';
import type { WriteOrigin } from '../source-repo.ts';
import { ScheduleRepo } from '../schedule-repo.ts';
import type { CandleStore } from '../store.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import { EconomicsCache } from '../economics-cache.ts';
import type { ArchiveWrite, FetchedEconomics, HistoryStore } from './ports.ts';

/** A kind whose spec lives in its own table: a cached row without it predates schema 3. */
function lacksSpec(i: Instrument): boolean {
  return (i.kind === 'futures' && !i.futures) || (i.kind === 'bond' && !i.bond) || (i.kind === 'currency' && !i.currencyPair);
}

/** Adapts a CandleStore to the downloader. */
export function storeForDownload(store: CandleStore): HistoryStore {
  const economics = new EconomicsCache(store);
  return {
    cachedInstrument(ref: InstrumentRef): Instrument | undefined {
      const found = store.findInstrument(ref);
      // A row made from an archive alone lacks the real spec (lot, tick): ask the API for it.
      return found && store.instrumentSource(found.uid) === 'api' && !lacksSpec(found) ? found : undefined;
    },
    saveInstrument(instrument: Instrument): void {
      store.upsertInstrument(instrument, 'api');
    },
    missing(uid: string, interval: Interval, range: TimeRange): TimeRange[] {
      return store.missingRanges(uid, interval, range);
    },
    checkSource(uid: string, interval: Interval, origin: WriteOrigin): void {
      store.checkSource(uid, interval, origin);
    },
    writeWindow(uid: string, interval: Interval, candles: Candle[], window: TimeRange, origin: WriteOrigin): void {
      store.upsertCandles(uid, interval, candles, window, origin);
    },
    writeArchive(uid: string, zip: Uint8Array, limit: TimeRange, origin: WriteOrigin): ArchiveWrite {
      const r = importArchiveBytes(store, zip, { label: `archive of ${uid}`, uid, limit, origin });
      return { candles: r.candles, days: r.days, covered: r.covered ? [r.covered] : [] };
    },
    saveEconomics(uid: string, window: TimeRange, e: FetchedEconomics, covered?: TimeRange): void {
      store.transaction(() => {
        if (e.dividends) economics.putDividends(uid, window, e.dividends);
        if (e.coupons) economics.putCoupons(uid, window, e.coupons);
        if (e.margin) economics.putMargin(uid, e.margin);
        const part = e.dividends ? 'dividends' : e.coupons ? 'coupons' : undefined;
        if (part && covered) economics.markFetched(uid, part, covered);
      });
    },
    cachedTradingDays: (exchange, range) => new ScheduleRepo(store.db).days(exchange, range).length,
    saveTradingDays: (days, source) => void new ScheduleRepo(store.db).write(days, source),
    economicsMissing(uid: string, part: 'dividends' | 'coupons', range: TimeRange): TimeRange[] {
      return economics.missing(uid, part, range);
    },
    lastMarginRead(uid: string): number | undefined {
      return economics.latestMargin(uid)?.readAt;
    },
  };
}
