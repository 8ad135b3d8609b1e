/**
 * @module Request builders for the order tests: decimal strings to Quotations, complete
 * PostOrderRequests (ts-proto encoders need every scalar), fresh idempotency keys.
 */
import { stringToQuotation } from '../../../src/wire/convert/index.ts';
import {
  GetOrderPriceRequest,
  GetOrderStateRequest,
  OrderDirection,
  OrderType,
  PostOrderAsyncRequest,
  PostOrderRequest,
  ReplaceOrderRequest,
  type OrderState,
  type PostOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { GetAccountsResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import type { Outcome } from '../helpers.ts';
import { SBER, type VenueHarness } from './venue-harness.ts';

let n = 0;
/** A fresh UUID-shaped idempotency key. */
export function newKey(): string {
  return `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`;
}

/** What an order test says about an order. */
export interface OrderSpec {
  dir: 'buy' | 'sell';
  lots: number;
  /** Decimal limit price; absent = market. */
  price?: string;
  key?: string;
  instrumentId?: string;
}

export function orderRequest(accountId: string, o: OrderSpec): PostOrderRequest {
  return PostOrderRequest.fromPartial({
    accountId,
    instrumentId: o.instrumentId ?? SBER.uid,
    quantity: o.lots,
    direction:
      o.dir === 'buy' ? OrderDirection.ORDER_DIRECTION_BUY : OrderDirection.ORDER_DIRECTION_SELL,
    orderType: o.price ? OrderType.ORDER_TYPE_LIMIT : OrderType.ORDER_TYPE_MARKET,
    price: o.price ? stringToQuotation(o.price) : undefined,
    orderId: o.key ?? newKey(),
  });
}

/** PostOrderAsync of a limit buy of `lots` at the decimal `price`, with key `key`. */
export function asyncLimitBuy(
  accountId: string,
  price: string,
  key = newKey(),
  lots = 1,
): PostOrderAsyncRequest {
  return PostOrderAsyncRequest.fromPartial({
    accountId,
    instrumentId: SBER.uid,
    quantity: lots,
    direction: OrderDirection.ORDER_DIRECTION_BUY,
    orderType: OrderType.ORDER_TYPE_LIMIT,
    price: stringToQuotation(price),
    orderId: key,
  });
}

/** ReplaceOrder of exchange order `orderId` by `lots` at the decimal `price`. */
export function replaceRequest(
  accountId: string,
  orderId: string | undefined,
  lots: number,
  price: string,
): ReplaceOrderRequest {
  return ReplaceOrderRequest.fromPartial({
    accountId,
    orderId,
    idempotencyKey: newKey(),
    quantity: lots,
    price: stringToQuotation(price),
  });
}

/** GetOrderPrice of a buy of `lots` at the decimal `price`. */
export function buyPriceRequest(accountId: string, price: string, lots: number) {
  return GetOrderPriceRequest.fromPartial({
    accountId,
    instrumentId: SBER.uid,
    price: stringToQuotation(price),
    direction: OrderDirection.ORDER_DIRECTION_BUY,
    quantity: lots,
  });
}

/** PostOrder on the production-like host (or PostSandboxOrder with `sandbox`). */
export function postOrder(
  h: VenueHarness,
  accountId: string,
  o: OrderSpec,
  opts: { sandbox?: boolean; token?: string } = {},
): Promise<Outcome<PostOrderResponse>> {
  const [client, method] = opts.sandbox ? [h.sandbox, 'postSandboxOrder'] : [h.orders, 'postOrder'];
  return h.rpc(client, method, orderRequest(accountId, o), opts.token);
}

export function orderState(
  h: VenueHarness,
  accountId: string,
  orderId: string,
): Promise<OrderState> {
  return h.ok(h.orders, 'getOrderState', GetOrderStateRequest.fromPartial({ accountId, orderId }));
}

/** The first production-like account. */
export async function prodAccount(h: VenueHarness): Promise<string> {
  const res = await h.ok<object, GetAccountsResponse>(h.users, 'getAccounts', {});
  return res.accounts[0].id;
}

/** A sandbox account paid in with `rub`. */
export async function sandboxAccount(h: VenueHarness, rub: string): Promise<string> {
  const { accountId } = await h.ok<object, { accountId: string }>(
    h.sandbox,
    'openSandboxAccount',
    {},
  );
  await h.ok(h.sandbox, 'sandboxPayIn', {
    accountId,
    amount: { currency: 'rub', ...stringToQuotation(rub) },
  });
  return accountId;
}

/** Status code, API code and message trailer of a failed call. */
export function failure(o: Outcome<unknown>): [number | undefined, string | undefined, string] {
  return [o.err?.code, o.err?.details, String(o.err?.metadata.get('message')[0] ?? '')];
}
