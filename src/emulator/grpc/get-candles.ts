/**
 * @module GetCandles with the real rules: instrument by figi, uid or `TICKER_CLASSCODE`; `from`
 * inclusive and `to` exclusive on the candle's open time; only complete candles; the per-interval
 * window (30014) and `limit`. Without `from`, a `limit` asks for the last candles before `to`.
 * A `limit` above the interval's maximum is cut down to it (the API documents no error for that).
 */
import type { Candle } from '../../core/candle.ts';
import type {
  GetCandlesRequest,
  GetCandlesResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { historicCandleFromCore } from '../../wire/convert/candle.ts';
import { fromCandleInterval } from '../../wire/convert/interval.ts';
import { timestampToMs } from '../../wire/convert/timestamp.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { maxLimit, windowEnd, windowStart } from './candle-rules.ts';

/** Answers one GetCandles request, or throws the API's error. */
export function getCandles(ctx: EmulatorContext, req: GetCandlesRequest): GetCandlesResponse {
  const id = (req.instrumentId || req.figi || '').trim();
  if (!id) throw apiErrors.missingInstrument();
  const interval = fromCandleInterval(req.interval);
  if (!interval) throw apiErrors.badInterval();
  const to = timestampToMs(req.to);
  if (to === undefined) throw apiErrors.missingTo();
  const limit = req.limit && req.limit > 0 ? Math.min(req.limit, maxLimit(interval)) : undefined;
  let from = timestampToMs(req.from);
  if (from === undefined) {
    if (limit === undefined) throw apiErrors.missingFrom();
    from = windowStart(interval, to);
  }
  if (to < from) throw apiErrors.toBeforeFrom();
  if (to > windowEnd(interval, from)) throw apiErrors.periodExceeded();
  const instrument = ctx.directory.resolve(id);
  if (!instrument) throw apiErrors.instrumentNotFound();

  let candles: Candle[] = ctx.query.candles(instrument.uid, interval, from, to, ctx.now());
  if (limit !== undefined && candles.length > limit) {
    candles = req.from ? candles.slice(0, limit) : candles.slice(candles.length - limit);
  }
  return { candles: candles.map((c) => historicCandleFromCore(c, true)) };
}
