/**
 * @module The instruments of a live run and their warm-up history: each reference is found in the
 * cache or resolved through the API (and its spec cached), and the candles of the warm-up the cache
 * lacks are downloaded into it before the stream starts, so indicators are ready at the first live
 * candle and the same candles are in the cache for a backtest of the same period.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { downloadHistory, resolveAll } from '../../data/download/downloader.ts';
import { storeForDownload } from '../../data/download/store-adapter.ts';
import type { CandleStore } from '../../data/store.ts';
import type { TinvestClient } from '../../live/index.ts';
import { historyApiFromClient } from '../../live/history-api.ts';

/** The specs of `refs`, from the cache or else the API (then cached), in the given order. */
export function resolveInstruments(
  client: TinvestClient,
  store: CandleStore,
  refs: readonly InstrumentRef[],
): Promise<Instrument[]> {
  return resolveAll(historyApiFromClient(client), storeForDownload(store), refs);
}

/** Downloads into the cache what it lacks of `warmup` (closed candles up to `now` only). */
export async function fillWarmup(
  client: TinvestClient,
  store: CandleStore,
  instruments: readonly Instrument[],
  intervals: readonly Interval[],
  warmup: TimeRange & { now: number; settleMs?: number },
): Promise<void> {
  if (!(warmup.to > warmup.from)) return;
  await downloadHistory(historyApiFromClient(client), storeForDownload(store), {
    instruments: instruments.map((i) => ({ kind: 'uid', id: i.uid }) as InstrumentRef),
    intervals: [...intervals],
    range: { from: warmup.from, to: warmup.to },
    source: 'candles',
    now: warmup.now,
    ...(warmup.settleMs === undefined ? {} : { settleMs: warmup.settleMs }),
  });
}
