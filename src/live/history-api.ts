/**
 * @module The T-Invest client seen through the downloader's HistoryApi port: instrument
 * resolution with the kind's spec (uid, FIGI, ticker@class_code, or a bare ticker found by
 * search), GetCandles windows, the yearly archive, and each kind's dividends, coupons or margin.
 */
import type { Candle } from '../core/candle.ts';
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { UnknownInstrumentError, type InstrumentRef } from '../core/instrument-ref.ts';
import type { FetchedEconomics, HistoryApi } from '../data/download/ports.ts';
import type { TradingDay } from '../core/instrument-economics.ts';
import { TinkoffApiError } from './client/api-error.ts';
import type { TinvestClient } from './client/tinvest-client.ts';

/** Class codes preferred when a bare ticker matches several listings (MOEX main board first). */
const PREFERRED_CLASSES = ['TQBR', 'TQTF', 'TQCB', 'TQOB', 'SPBFUT', 'CETS', 'SPBXM'];

async function byTicker(client: TinvestClient, ticker: string): Promise<Instrument> {
  const hits = (await client.findInstrument(ticker)).filter(
    (h) => h.ticker.toUpperCase() === ticker,
  );
  if (hits.length === 0) throw new UnknownInstrumentError({ kind: 'ticker', ticker });
  const rank = (classCode: string) => {
    const i = PREFERRED_CLASSES.indexOf(classCode);
    return i < 0 ? PREFERRED_CLASSES.length : i;
  };
  hits.sort(
    (a, b) =>
      rank(a.classCode) - rank(b.classCode) ||
      Number(b.apiTradeAvailable) - Number(a.apiTradeAvailable),
  );
  return client.instrumentWithSpec({ idType: 'uid', id: hits[0].uid });
}

/** Adapts a TinvestClient to the downloader. */
export function historyApiFromClient(client: TinvestClient): HistoryApi {
  return {
    async resolveInstrument(ref: InstrumentRef): Promise<Instrument> {
      try {
        if (ref.kind === 'uid')
          return await client.instrumentWithSpec({ idType: 'uid', id: ref.id });
        if (ref.kind === 'figi')
          return await client.instrumentWithSpec({ idType: 'figi', id: ref.id });
        if (ref.classCode) {
          return await client.instrumentWithSpec({
            idType: 'ticker',
            id: ref.ticker,
            classCode: ref.classCode,
          });
        }
        return await byTicker(client, ref.ticker);
      } catch (err) {
        if (err instanceof TinkoffApiError && err.grpcName === 'NOT_FOUND')
          throw new UnknownInstrumentError(ref, { cause: err });
        throw err;
      }
    },
    getCandles(uid: string, interval: Interval, window: TimeRange): Promise<Candle[]> {
      return client.getCandles({ instrumentId: uid, interval, from: window.from, to: window.to });
    },
    fetchArchiveYear(uid: string, year: number): Promise<Uint8Array | null> {
      return client.archive.fetchYear(uid, year);
    },
    async economics(instrument, part, window, now): Promise<FetchedEconomics> {
      if (part === 'dividends')
        return { dividends: await client.getDividends(instrument.uid, window) };
      if (part === 'coupons')
        return { coupons: await client.getBondCoupons(instrument.uid, window) };
      return { margin: await client.getFuturesMargin(instrument.uid, now) };
    },
    async source(uid: string): Promise<string> {
      // Our emulator names itself in every answer; before any answer, one cheap call finds out.
      if (client.venue() === undefined)
        await client.getInstrumentBy({ idType: 'uid', id: uid }).catch(() => undefined);
      return client.venue() ?? client.endpoint;
    },
    async tradingSchedules(exchange: string, range: TimeRange): Promise<TradingDay[] | null> {
      try {
        return await client.tradingSchedules(exchange, range);
      } catch (err) {
        // A past range (30003) or a venue without a schedule (50001): the API has none to give.
        if (
          err instanceof TinkoffApiError &&
          (err.grpcName === 'INVALID_ARGUMENT' || err.grpcName === 'NOT_FOUND')
        )
          return null;
        throw err;
      }
    },
  };
}
