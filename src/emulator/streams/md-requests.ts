/**
 * @module Market-data subscription requests decoded into items, and the per-item answers encoded
 * back into the five Subscribe*Response messages (also what `get_my_subscriptions` returns).
 */
import type { SubscriptionAction } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import {
  GetCandlesRequest_CandleSource as Source,
  SubscriptionStatus,
  type MarketDataResponse,
  type SubscribeCandlesRequest,
  type SubscribeInfoRequest,
  type SubscribeLastPriceRequest,
  type SubscribeOrderBookRequest,
  type SubscribeTradesRequest,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { fromSubscriptionInterval, toSubscriptionInterval } from '../../wire/convert/interval.ts';
import { newTrackingId } from '../policy/tracking.ts';
import type { ItemResult, SubKind, Wanted } from './md-subscriptions.ts';

/** The depths an order book subscription may ask for. */
export const BOOK_DEPTHS: readonly number[] = [1, 10, 20, 30, 40, 50];
const SOURCES: readonly number[] = [
  Source.CANDLE_SOURCE_UNSPECIFIED,
  Source.CANDLE_SOURCE_EXCHANGE,
  Source.CANDLE_SOURCE_INCLUDE_WEEKEND,
];

/** One decoded request: what it asks for and of which kind. */
export interface Decoded {
  kind: SubKind;
  action: SubscriptionAction;
  items: Wanted[];
}

const idOf = (i: { instrumentId: string; figi: string }) => (i.instrumentId || i.figi).trim();

/** Decodes a candle subscription request. */
export function decodeCandles(r: SubscribeCandlesRequest): Decoded {
  const badSource = r.candleSourceType !== undefined && !SOURCES.includes(r.candleSourceType);
  const items = r.instruments.map((i): Wanted => {
    const interval = fromSubscriptionInterval(i.interval);
    let invalid: SubscriptionStatus | undefined;
    if (!interval) invalid = SubscriptionStatus.SUBSCRIPTION_STATUS_INTERVAL_IS_INVALID;
    else if (badSource) invalid = SubscriptionStatus.SUBSCRIPTION_STATUS_SOURCE_IS_INVALID;
    return { instrumentId: idOf(i), interval, waitingClose: r.waitingClose, invalid };
  });
  return { kind: 'candle', action: r.subscriptionAction, items };
}

/** Decodes an order book subscription request. */
export function decodeBooks(r: SubscribeOrderBookRequest): Decoded {
  const items = r.instruments.map((i): Wanted => ({
    instrumentId: idOf(i),
    depth: i.depth,
    invalid: BOOK_DEPTHS.includes(i.depth)
      ? undefined
      : SubscriptionStatus.SUBSCRIPTION_STATUS_DEPTH_IS_INVALID,
  }));
  return { kind: 'book', action: r.subscriptionAction, items };
}

/** Decodes a trades, info or last price request (instrument ids only). */
export function decodePlain(
  kind: 'trade' | 'info' | 'price',
  r: SubscribeTradesRequest | SubscribeInfoRequest | SubscribeLastPriceRequest,
): Decoded {
  return {
    kind,
    action: r.subscriptionAction,
    items: r.instruments.map((i) => ({ instrumentId: idOf(i) })),
  };
}

/** The response message for the results of one request (or of get_my_subscriptions). */
export function encodeResults(
  kind: SubKind,
  action: SubscriptionAction,
  results: ItemResult[],
  streamId: string,
): MarketDataResponse {
  const trackingId = newTrackingId();
  const base = (r: ItemResult) => ({
    figi: r.inst?.figi ?? r.wanted.instrumentId,
    subscriptionStatus: r.status,
    instrumentUid: r.inst?.uid ?? '',
  });
  switch (kind) {
    case 'candle':
      return {
        subscribeCandlesResponse: {
          trackingId,
          candlesSubscriptions: results.map((r) => ({
            ...base(r),
            interval: r.wanted.interval ? toSubscriptionInterval(r.wanted.interval) : 0,
            waitingClose: r.sub?.waitingClose ?? r.wanted.waitingClose ?? false,
            streamId,
            subscriptionId: r.sub?.id ?? '',
            subscriptionAction: action,
            ticker: r.inst?.ticker ?? '',
            classCode: r.inst?.classCode ?? '',
          })),
        },
      };
    case 'book':
      return {
        subscribeOrderBookResponse: {
          trackingId,
          orderBookSubscriptions: results.map((r) => ({ ...base(r), depth: r.wanted.depth ?? 0 })),
        },
      };
    case 'trade':
      return { subscribeTradesResponse: { trackingId, tradeSubscriptions: results.map(base) } };
    case 'info':
      return { subscribeInfoResponse: { trackingId, infoSubscriptions: results.map(base) } };
    case 'price':
      return {
        subscribeLastPriceResponse: { trackingId, lastPriceSubscriptions: results.map(base) },
      };
  }
}
