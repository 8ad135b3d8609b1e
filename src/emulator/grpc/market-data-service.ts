/**
 * @module MarketDataService of the emulator, all on the venue clock: GetCandles, GetLastPrices (the
 * last trade on the tape at or before now) and GetTradingStatus (the MOEX phase at now: auctions,
 * continuous trading, breaks, closed at night and on weekends); GetOrderBook and GetLastTrades come
 * from the tape (./tape-rpcs.ts).
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Instrument } from '../../core/instrument.ts';
import {
  type GetLastPricesRequest,
  type GetTradingStatusRequest,
  type LastPrice,
  type MarketDataServiceServer,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { lastPriceFromTrade } from '../../wire/convert/market-stream.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { orderFlags, phaseAt } from '../market/trading-phase.ts';
import { tradingStatusOf } from '../../wire/convert/trading-status.ts';
import { getCandles } from './get-candles.ts';
import { getLastTrades, getOrderBook } from './tape-rpcs.ts';
import { unary } from './unary.ts';

const SCOPE = 'MarketDataService';

/** The last trade on the tape at or before the venue's now, as a LastPrice. */
export function lastPriceOf(ctx: EmulatorContext, i: Instrument): LastPrice | undefined {
  const t = ctx.tape.lastTrade(i.uid, ctx.now());
  return t ? lastPriceFromTrade(t, i) : undefined;
}

function getLastPrices(ctx: EmulatorContext, req: GetLastPricesRequest) {
  const ids = [...req.instrumentId, ...req.figi].filter((s) => s.trim());
  const instruments =
    ids.length === 0
      ? [...ctx.directory.all]
      : ids.map((id) => {
          const i = ctx.directory.resolve(id);
          if (!i) throw apiErrors.instrumentNotFound();
          return i;
        });
  const lastPrices: LastPrice[] = [];
  for (const i of instruments) {
    const p = lastPriceOf(ctx, i);
    if (p) lastPrices.push(p);
  }
  return { lastPrices };
}

function getTradingStatus(ctx: EmulatorContext, req: GetTradingStatusRequest) {
  const id = (req.instrumentId || req.figi || '').trim();
  if (!id) throw apiErrors.missingInstrument();
  const i = ctx.directory.resolve(id);
  if (!i) throw apiErrors.instrumentNotFound();
  const phase = phaseAt(ctx.now());
  const flags = orderFlags(phase);
  return {
    figi: i.figi,
    tradingStatus: tradingStatusOf(phase),
    limitOrderAvailableFlag: flags.limit,
    marketOrderAvailableFlag: flags.market,
    apiTradeAvailableFlag: true,
    instrumentUid: i.uid,
    bestpriceOrderAvailableFlag: flags.market,
    onlyBestPrice: false,
    ticker: i.ticker,
    classCode: i.classCode,
  };
}

/** The service implementation, ready for `server.addService`. */
export function marketDataService(ctx: EmulatorContext): UntypedServiceImplementation {
  const impl: Pick<
    MarketDataServiceServer,
    'getCandles' | 'getLastPrices' | 'getTradingStatus' | 'getOrderBook' | 'getLastTrades'
  > = {
    getCandles: unary(ctx, SCOPE, 'GetCandles', (req) => getCandles(ctx, req)),
    getLastPrices: unary(ctx, SCOPE, 'GetLastPrices', (req) => getLastPrices(ctx, req)),
    getTradingStatus: unary(ctx, SCOPE, 'GetTradingStatus', (req) => getTradingStatus(ctx, req)),
    getOrderBook: unary(ctx, SCOPE, 'GetOrderBook', (req) => getOrderBook(ctx, req)),
    getLastTrades: unary(ctx, SCOPE, 'GetLastTrades', (req) => getLastTrades(ctx, req)),
  };
  return impl;
}
