/**
 * @module Complete PostStopOrderRequests for the stop-order tests (regular and trailing), from
 * decimal strings, with fresh idempotency keys.
 */
import { msToTimestamp, stringToQuotation } from '../../../src/wire/convert/index.ts';
import type { StopOrderType } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import {
  ExchangeOrderType,
  PostStopOrderRequest,
  StopOrderDirection,
  StopOrderExpirationType,
  TakeProfitType,
  TrailingValueType,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { newKey } from './order-helpers.ts';
import { SBER } from './venue-harness.ts';

/** What a stop-order test says about a stop order. */
export interface StopSpec {
  dir: 'buy' | 'sell';
  type: StopOrderType;
  /** Decimal stop (activation) price. */
  stop: string;
  /** Decimal price of the limit order placed on trigger. */
  price?: string;
  /** Good till this time; absent = good till cancel. */
  expireAt?: number;
  /** A take-profit that places a limit order. */
  limitTp?: boolean;
  lots?: number;
  /** A trailing take-profit's indent and protective spread, each a decimal and its value type. */
  trailing?: { indent: [string, TrailingValueType]; spread?: [string, TrailingValueType] };
}

export function stopRequest(accountId: string, s: StopSpec): PostStopOrderRequest {
  const t = s.trailing;
  return PostStopOrderRequest.fromPartial({
    accountId,
    instrumentId: SBER.uid,
    quantity: s.lots ?? 1,
    direction:
      s.dir === 'buy'
        ? StopOrderDirection.STOP_ORDER_DIRECTION_BUY
        : StopOrderDirection.STOP_ORDER_DIRECTION_SELL,
    stopOrderType: s.type,
    stopPrice: stringToQuotation(s.stop),
    price: s.price ? stringToQuotation(s.price) : undefined,
    expirationType:
      s.expireAt === undefined
        ? StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_CANCEL
        : StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_DATE,
    expireDate: s.expireAt === undefined ? undefined : msToTimestamp(s.expireAt),
    exchangeOrderType:
      s.limitTp || t?.spread
        ? ExchangeOrderType.EXCHANGE_ORDER_TYPE_LIMIT
        : ExchangeOrderType.EXCHANGE_ORDER_TYPE_MARKET,
    takeProfitType: t ? TakeProfitType.TAKE_PROFIT_TYPE_TRAILING : undefined,
    trailingData: t
      ? {
          indent: stringToQuotation(t.indent[0]),
          indentType: t.indent[1],
          spread: stringToQuotation(t.spread?.[0] ?? '0'),
          spreadType: t.spread?.[1] ?? TrailingValueType.TRAILING_VALUE_UNSPECIFIED,
        }
      : undefined,
    orderId: newKey(),
  });
}
