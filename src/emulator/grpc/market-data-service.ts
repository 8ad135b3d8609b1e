/**
 * @module MarketDataService of the emulator: GetCandles, GetLastPrices (the close of the last
 * complete minute) and GetTradingStatus (normal trading inside the synthetic schedule's sessions).
 * GetOrderBook is not served yet and answers UNIMPLEMENTED.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Instrument } from '../../core/instrument.ts';
import { dayStart } from '../../core/time.ts';
import { SecurityTradingStatus } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  LastPriceType,
  type GetLastPricesRequest,
  type GetTradingStatusRequest,
  type LastPrice,
  type MarketDataServiceServer,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { numberToQuotation } from '../../wire/convert/quotation.ts';
import { msToTimestamp } from '../../wire/convert/timestamp.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { isTradingMinute } from '../market/schedule.ts';
import { getCandles } from './get-candles.ts';
import { unary } from './unary.ts';

const SCOPE = 'MarketDataService';
const DAY = 86_400_000;
/** How far back GetLastPrices looks for a trade (covers weekends and long holidays). */
const LOOKBACK_DAYS = 14;

function lastPrice(ctx: EmulatorContext, i: Instrument): LastPrice | undefined {
  const now = ctx.now();
  for (let k = 0; k < LOOKBACK_DAYS; k++) {
    const from = dayStart(now) - k * DAY;
    const day = ctx.query.candles(i.uid, '1m', from, from + DAY, now);
    const c = day[day.length - 1];
    if (c) {
      return {
        figi: i.figi,
        price: numberToQuotation(c.close),
        // The last trade of a minute candle happened inside that minute.
        time: msToTimestamp(c.time + 59_000),
        ticker: i.ticker,
        classCode: i.classCode,
        instrumentUid: i.uid,
        lastPriceType: LastPriceType.LAST_PRICE_EXCHANGE,
      };
    }
  }
  return undefined;
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
    const p = lastPrice(ctx, i);
    if (p) lastPrices.push(p);
  }
  return { lastPrices };
}

function getTradingStatus(ctx: EmulatorContext, req: GetTradingStatusRequest) {
  const id = (req.instrumentId || req.figi || '').trim();
  if (!id) throw apiErrors.missingInstrument();
  const i = ctx.directory.resolve(id);
  if (!i) throw apiErrors.instrumentNotFound();
  const open = isTradingMinute(Math.floor(ctx.now() / 60_000) * 60_000);
  return {
    figi: i.figi,
    tradingStatus: open
      ? SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING
      : SecurityTradingStatus.SECURITY_TRADING_STATUS_NOT_AVAILABLE_FOR_TRADING,
    limitOrderAvailableFlag: open,
    marketOrderAvailableFlag: open,
    apiTradeAvailableFlag: true,
    instrumentUid: i.uid,
    bestpriceOrderAvailableFlag: open,
    onlyBestPrice: false,
    ticker: i.ticker,
    classCode: i.classCode,
  };
}

/** The service implementation, ready for `server.addService`. */
export function marketDataService(ctx: EmulatorContext): UntypedServiceImplementation {
  const impl: Pick<MarketDataServiceServer, 'getCandles' | 'getLastPrices' | 'getTradingStatus'> = {
    getCandles: unary(ctx, SCOPE, 'GetCandles', (req) => getCandles(ctx, req)),
    getLastPrices: unary(ctx, SCOPE, 'GetLastPrices', (req) => getLastPrices(ctx, req)),
    getTradingStatus: unary(ctx, SCOPE, 'GetTradingStatus', (req) => getTradingStatus(ctx, req)),
  };
  return impl;
}
