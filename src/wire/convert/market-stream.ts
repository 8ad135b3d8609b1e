/**
 * @module Core candles, trades and books -> the market-data messages (stream Candle, Trade,
 * OrderBook, GetOrderBookResponse). The trade and book shapes are described structurally, so the
 * wire layer needs nothing from the emulator that produces them.
 */
import type { Candle } from '../../core/candle.ts';
import type { Interval } from '../../core/interval.ts';
import {
  CandleSource,
  LastPriceType,
  TradeDirection,
  TradeSourceType,
  type Candle as StreamCandle,
  type LastPrice,
  type Order,
  type OrderBook,
  type Trade,
} from '../generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { toSubscriptionInterval } from './interval.ts';
import { numberToQuotation } from './quotation.ts';
import { msToTimestamp } from './timestamp.ts';

/** The identifiers every market-data message repeats. */
export interface InstrumentIds {
  figi: string;
  uid: string;
  ticker: string;
  classCode: string;
}

/** One trade: time, price per unit, lots, and the aggressor's side. */
export interface TradeLike {
  time: number;
  price: number;
  lots: number;
  side: 'buy' | 'sell';
}

/** A book: levels best first on both sides. */
export interface BookLike {
  time: number;
  bids: readonly { price: number; lots: number }[];
  asks: readonly { price: number; lots: number }[];
}

/** A core candle of `interval` as a stream Candle; `lastTradeTs` is its latest trade. */
export function streamCandleFromCore(
  c: Candle,
  interval: Interval,
  ids: InstrumentIds,
  lastTradeTs: number,
): StreamCandle {
  return {
    figi: ids.figi,
    interval: toSubscriptionInterval(interval),
    open: numberToQuotation(c.open),
    high: numberToQuotation(c.high),
    low: numberToQuotation(c.low),
    close: numberToQuotation(c.close),
    volume: c.volume,
    time: msToTimestamp(c.time),
    lastTradeTs: msToTimestamp(lastTradeTs),
    instrumentUid: ids.uid,
    ticker: ids.ticker,
    classCode: ids.classCode,
    volumeBuy: 0,
    volumeSell: 0,
    candleSourceType: CandleSource.CANDLE_SOURCE_EXCHANGE,
  };
}

/** A tape trade as an anonymous Trade message. */
export function tradeFromCore(t: TradeLike, ids: InstrumentIds): Trade {
  return {
    figi: ids.figi,
    direction:
      t.side === 'buy' ? TradeDirection.TRADE_DIRECTION_BUY : TradeDirection.TRADE_DIRECTION_SELL,
    price: numberToQuotation(t.price),
    quantity: t.lots,
    time: msToTimestamp(t.time),
    instrumentUid: ids.uid,
    tradeSource: TradeSourceType.TRADE_SOURCE_EXCHANGE,
    ticker: ids.ticker,
    classCode: ids.classCode,
  };
}

/** The price of a tape trade as an exchange LastPrice. */
export function lastPriceFromTrade(t: TradeLike, ids: InstrumentIds): LastPrice {
  return {
    figi: ids.figi,
    price: numberToQuotation(t.price),
    time: msToTimestamp(t.time),
    ticker: ids.ticker,
    classCode: ids.classCode,
    instrumentUid: ids.uid,
    lastPriceType: LastPriceType.LAST_PRICE_EXCHANGE,
  };
}

const levels = (xs: BookLike['bids']): Order[] =>
  xs.map((l) => ({ price: numberToQuotation(l.price), quantity: l.lots }));

/** A book snapshot as a stream OrderBook of `depth`. */
export function orderBookFromCore(b: BookLike, depth: number, ids: InstrumentIds): OrderBook {
  return {
    figi: ids.figi,
    depth,
    isConsistent: true,
    bids: levels(b.bids),
    asks: levels(b.asks),
    time: msToTimestamp(b.time),
    instrumentUid: ids.uid,
    ticker: ids.ticker,
    classCode: ids.classCode,
  };
}

/** Levels of a book as GetOrderBookResponse bids/asks. */
export function bookLevelsFromCore(b: BookLike): { bids: Order[]; asks: Order[] } {
  return { bids: levels(b.bids), asks: levels(b.asks) };
}
