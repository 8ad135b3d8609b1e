/**
 * @module The MarketDataService calls answered from the trade tape, on the venue clock:
 * GetOrderBook (the synthetic book around the last trade, depth 1-50, empty while the exchange is
 * closed, with the previous close and the price band) and GetLastTrades (the anonymous trades of
 * [from, to), never past the venue's now).
 */
import { status } from '@grpc/grpc-js';
import type {
  GetLastTradesRequest,
  GetLastTradesResponse,
  GetOrderBookRequest,
  GetOrderBookResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { bookLevelsFromCore, tradeFromCore } from '../../wire/convert/market-stream.ts';
import { numberToQuotation } from '../../wire/convert/quotation.ts';
import { msToTimestamp, timestampToMs } from '../../wire/convert/timestamp.ts';
import { ApiError, apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { priceLimits } from '../market/price-limits.ts';
import { MAX_BOOK_DEPTH } from '../venue/synthetic-book.ts';

function instrumentOf(ctx: EmulatorContext, req: { instrumentId?: string; figi?: string }) {
  const id = (req.instrumentId || req.figi || '').trim();
  if (!id) throw apiErrors.missingInstrument();
  const i = ctx.directory.resolve(id);
  if (!i) throw apiErrors.instrumentNotFound();
  return i;
}

/** Answers GetOrderBook. */
export function getOrderBook(ctx: EmulatorContext, req: GetOrderBookRequest): GetOrderBookResponse {
  const i = instrumentOf(ctx, req);
  if (!Number.isInteger(req.depth) || req.depth < 1 || req.depth > MAX_BOOK_DEPTH) {
    // The reference lists no numeric code for a bad depth, so the details carry the text.
    throw new ApiError(
      status.INVALID_ARGUMENT,
      '',
      `Invalid parameter: depth must be 1-${MAX_BOOK_DEPTH}`,
    );
  }
  const now = ctx.now();
  const book = ctx.tape.book(i.uid, now, req.depth);
  const last = ctx.tape.lastTrade(i.uid, now);
  const limits = priceLimits(ctx.query, i, now);
  const levels = book ? bookLevelsFromCore(book) : { bids: [], asks: [] };
  return {
    figi: i.figi,
    depth: req.depth,
    ...levels,
    lastPrice: last ? numberToQuotation(last.price) : undefined,
    closePrice: limits ? numberToQuotation(limits.close) : undefined,
    limitUp: limits ? numberToQuotation(limits.limitUp) : undefined,
    limitDown: limits ? numberToQuotation(limits.limitDown) : undefined,
    instrumentUid: i.uid,
    ticker: i.ticker,
    classCode: i.classCode,
    lastPriceTs: last ? msToTimestamp(last.time) : undefined,
    closePriceTs: limits ? msToTimestamp(limits.closeDay) : undefined,
    orderbookTs: msToTimestamp(book?.time ?? now),
  };
}

/** Answers GetLastTrades. */
export function getLastTrades(
  ctx: EmulatorContext,
  req: GetLastTradesRequest,
): GetLastTradesResponse {
  const i = instrumentOf(ctx, req);
  const from = timestampToMs(req.from);
  if (from === undefined) throw apiErrors.missingFrom();
  const to = timestampToMs(req.to);
  if (to === undefined) throw apiErrors.missingTo();
  if (to < from) throw apiErrors.toBeforeFrom();
  // Trades up to and including now exist; the tape's ranges are half-open.
  const end = Math.min(to, ctx.now() + 1);
  return { trades: ctx.tape.trades(i.uid, from, end).map((t) => tradeFromCore(t, i)) };
}
