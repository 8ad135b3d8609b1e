/**
 * @module The SQLite cache seen through the downloader's HistoryStore port.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { importArchiveBytes } from '../archive/import-archive.ts';
import type { CandleStore } from '../store.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { ArchiveWrite, HistoryStore } from './ports.ts';

/** Adapts a CandleStore to the downloader. */
export function storeForDownload(store: CandleStore): HistoryStore {
  return {
    cachedInstrument(ref: InstrumentRef): Instrument | undefined {
      const found = store.findInstrument(ref);
      // A row made from an archive alone lacks the real spec (lot, tick): ask the API for it.
      return found && store.instrumentSource(found.uid) === 'api' ? found : undefined;
    },
    saveInstrument(instrument: Instrument): void {
      store.upsertInstrument(instrument, 'api');
    },
    missing(uid: string, interval: Interval, range: TimeRange): TimeRange[] {
      return store.missingRanges(uid, interval, range);
    },
    writeWindow(uid: string, interval: Interval, candles: Candle[], window: TimeRange): void {
      store.upsertCandles(uid, interval, candles, window);
    },
    writeArchive(uid: string, zip: Uint8Array, limit: TimeRange): ArchiveWrite {
      const r = importArchiveBytes(store, zip, { label: `archive of ${uid}`, uid, limit });
      return { candles: r.candles, days: r.days, covered: r.covered ? [r.covered] : [] };
    },
  };
}
