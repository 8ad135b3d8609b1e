/**
 * Every UsersService, OrdersService, StopOrdersService and OperationsService rpc of the venue
 * through our TinvestClient (typed wrappers where they exist, `raw.call` otherwise), with the
 * contract's shapes and hand-computed values on the production-like host (commission 0.04%).
 * The tape: last trade 270.15, book 270.10 / 270.20, lot 10; the account starts with 1 000 000 RUB.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  moneyToString,
  quotationToString,
  timestampToMs,
} from '../../../src/wire/convert/index.ts';
import {
  GetOperationsByCursorRequest,
  OperationsRequest,
  OperationsServiceService as Ops,
  OperationType,
  PortfolioRequest,
  PositionsRequest,
  WithdrawLimitsRequest,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  CancelOrderRequest,
  GetMaxLotsRequest,
  GetOrdersRequest,
  GetOrderStateRequest,
  OrderDirection,
  OrderExecutionReportStatus as S,
  OrdersServiceService as Orders,
  OrderType,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  CancelStopOrderRequest,
  GetStopOrdersRequest,
  StopOrderDirection,
  StopOrdersServiceService as Stops,
  StopOrderStatusOption,
  StopOrderType,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import {
  GetInfoRequest,
  GetMarginAttributesRequest,
  GetUserTariffRequest,
  UsersServiceService as Users,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import {
  asyncLimitBuy,
  buyPriceRequest,
  newKey,
  orderRequest,
  replaceRequest,
} from '../trading/order-helpers.ts';
import { stopRequest } from '../trading/stop-helpers.ts';
import { clientHarness, SBER, T0, type ClientHarness } from './client-harness.ts';

let h: ClientHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('UsersService through our client', () => {
  it('GetAccounts, GetInfo, GetMarginAttributes, GetUserTariff', async () => {
    h = await clientHarness();
    const accounts = await h.client.getAccounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      name: 'Брокерский счёт',
      type: 'tinkoff',
      status: 'open',
      accessLevel: 'full_access',
    });
    const info = await h.call(Users.getInfo, GetInfoRequest.fromPartial({}));
    expect(info).toMatchObject({ tariff: 'trader', premStatus: false, qualStatus: false });
    expect(info.userId).toMatch(UUID);
    const margin = await h.call(
      Users.getMarginAttributes,
      GetMarginAttributesRequest.fromPartial({ accountId: accounts[0].id }),
    );
    expect(moneyToString(margin.liquidPortfolio)).toBe('1000000');
    expect(margin.liquidPortfolio?.currency).toBe('rub');
    const tariff = await h.call(Users.getUserTariff, GetUserTariffRequest.fromPartial({}));
    const limitOf = (m: string) =>
      tariff.unaryLimits.find((l) =>
        l.methods.includes(`tinkoff.public.invest.api.contract.v1.${m}`),
      )?.limitPerMinute;
    expect(limitOf('OrdersService/PostOrder')).toBe(300);
    expect(limitOf('OrdersService/GetOrderState')).toBe(100);
    expect(limitOf('MarketDataService/GetCandles')).toBe(600);
    expect(tariff.streamLimits.map((l) => l.limit).sort((a, b) => a - b)).toEqual([2, 10, 16]);
  });
});

describe('OrdersService, StopOrdersService and OperationsService through our client', () => {
  it('places, prices, sizes, replaces and cancels orders, keeps stop orders, and reports the account', async () => {
    h = await clientHarness();
    const [{ id: acc }] = await h.client.getAccounts();
    // A market buy of 2 lots meets the ask 270.20: 2 x 10 x 270.20 = 5404.00, fee 2.1616 -> 2.16.
    const key = newKey();
    const buy = await h.call(Orders.postOrder, orderRequest(acc, { dir: 'buy', lots: 2, key }));
    expect(buy).toMatchObject({
      executionReportStatus: S.EXECUTION_REPORT_STATUS_FILL,
      lotsRequested: 2,
      lotsExecuted: 2,
      figi: SBER.figi,
      instrumentUid: SBER.uid,
      direction: OrderDirection.ORDER_DIRECTION_BUY,
      orderType: OrderType.ORDER_TYPE_MARKET,
      orderRequestId: key,
    });
    expect(buy.orderId).not.toBe(key);
    expect(moneyToString(buy.executedOrderPrice)).toBe('270.2');
    expect(moneyToString(buy.totalOrderAmount)).toBe('5406.16');
    expect(moneyToString(buy.executedCommission)).toBe('2.16');
    expect(buy.responseMetadata?.trackingId).toMatch(UUID);

    // An async limit buy at 265 rests (the ask is 270.20); replaced by 2 lots at 266.
    const asyncKey = newKey();
    const pending = await h.call(Orders.postOrderAsync, asyncLimitBuy(acc, '265', asyncKey));
    expect(pending.orderRequestId).toBe(asyncKey);
    expect(pending.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    const state = await h.call(
      Orders.getOrderState,
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: pending.tradeIntentId }),
    );
    expect(state).toMatchObject({
      executionReportStatus: S.EXECUTION_REPORT_STATUS_NEW,
      lotsRequested: 1,
      lotsExecuted: 0,
      orderRequestId: asyncKey,
      currency: 'rub',
    });
    expect(moneyToString(state.initialSecurityPrice)).toBe('265');
    const replaced = await h.call(
      Orders.replaceOrder,
      replaceRequest(acc, pending.tradeIntentId, 2, '266'),
    );
    expect(replaced.lotsRequested).toBe(2);
    expect(moneyToString(replaced.initialSecurityPrice)).toBe('266');
    const open = await h.call(Orders.getOrders, GetOrdersRequest.fromPartial({ accountId: acc }));
    expect(open.orders.map((o) => o.orderId)).toEqual([replaced.orderId]);

    // Free money: 1000000 - 5404 - 2.16 - (5320 + 2.13 blocked for the resting 2 x 266) = 989271.71;
    // a lot at the last price costs 2701.50 + 1.08 (1.0806), so 366 lots (989271.71 / 2702.58 =
    // 366.04); the 20 pieces held sell as 2 lots.
    const lots = await h.call(
      Orders.getMaxLots,
      GetMaxLotsRequest.fromPartial({ accountId: acc, instrumentId: SBER.uid }),
    );
    expect(quotationToString(lots.buyLimits?.buyMoneyAmount)).toBe('989271.71');
    expect(lots.buyLimits?.buyMaxLots).toBe(366);
    expect(lots.sellLimits?.sellMaxLots).toBe(2);
    // 3 x 10 x 270.15 = 8104.50; fee 3.2418 -> 3.24.
    const price = await h.call(Orders.getOrderPrice, buyPriceRequest(acc, '270.15', 3));
    expect(moneyToString(price.initialOrderAmount)).toBe('8104.5');
    expect(moneyToString(price.executedCommission)).toBe('3.24');
    expect(moneyToString(price.totalOrderAmount)).toBe('8107.74');
    const cancelled = await h.call(
      Orders.cancelOrder,
      CancelOrderRequest.fromPartial({ accountId: acc, orderId: replaced.orderId }),
    );
    expect(timestampToMs(cancelled.time)).toBe(T0);
    const after = await h.call(
      Orders.getOrderState,
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: replaced.orderId }),
    );
    expect(after.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_CANCELLED);

    // A take-profit sell of 1 lot at 275, good till cancel: listed, then cancelled.
    const stopReq = stopRequest(acc, {
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT,
      stop: '275',
    });
    const stop = await h.call(Stops.postStopOrder, stopReq);
    expect(stop.orderRequestId).toBe(stopReq.orderId);
    const active = await h.call(
      Stops.getStopOrders,
      GetStopOrdersRequest.fromPartial({ accountId: acc }),
    );
    expect(active.stopOrders).toHaveLength(1);
    expect(active.stopOrders[0]).toMatchObject({
      stopOrderId: stop.stopOrderId,
      lotsRequested: 1,
      figi: SBER.figi,
      instrumentUid: SBER.uid,
      direction: StopOrderDirection.STOP_ORDER_DIRECTION_SELL,
      orderType: StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT,
      status: StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE,
      currency: 'rub',
    });
    expect(moneyToString(active.stopOrders[0].stopPrice)).toBe('275');
    const stopCancel = await h.call(
      Stops.cancelStopOrder,
      CancelStopOrderRequest.fromPartial({ accountId: acc, stopOrderId: stop.stopOrderId }),
    );
    expect(timestampToMs(stopCancel.time)).toBe(T0);
    const all = await h.call(
      Stops.getStopOrders,
      GetStopOrdersRequest.fromPartial({
        accountId: acc,
        status: StopOrderStatusOption.STOP_ORDER_STATUS_ALL,
      }),
    );
    expect(all.stopOrders.map((s) => s.status)).toEqual([
      StopOrderStatusOption.STOP_ORDER_STATUS_CANCELED,
    ]);

    // The account: 994593.84 RUB and 20 shares valued at the last trade, 20 x 270.15 = 5403.00.
    const pf = await h.call(Ops.getPortfolio, PortfolioRequest.fromPartial({ accountId: acc }));
    expect(moneyToString(pf.totalAmountShares)).toBe('5403');
    expect(moneyToString(pf.totalAmountCurrencies)).toBe('994593.84');
    expect(moneyToString(pf.totalAmountPortfolio)).toBe('999996.84');
    const sber = pf.positions.find((p) => p.instrumentUid === SBER.uid)!;
    expect(quotationToString(sber.quantity)).toBe('20');
    expect(moneyToString(sber.averagePositionPrice)).toBe('270.2');
    // (270.15 - 270.20) x 20 = -1.00
    expect(quotationToString(sber.expectedYield)).toBe('-1');
    const pos = await h.call(Ops.getPositions, PositionsRequest.fromPartial({ accountId: acc }));
    expect(pos.money.map(moneyToString)).toEqual(['994593.84']);
    expect(pos.securities).toEqual([
      expect.objectContaining({
        instrumentUid: SBER.uid,
        figi: SBER.figi,
        balance: 20,
        blocked: 0,
      }),
    ]);
    const wl = await h.call(
      Ops.getWithdrawLimits,
      WithdrawLimitsRequest.fromPartial({ accountId: acc }),
    );
    expect(wl.money.map(moneyToString)).toEqual(['994593.84']);
    const ops = await h.call(Ops.getOperations, OperationsRequest.fromPartial({ accountId: acc }));
    const byType = (t: OperationType) =>
      ops.operations.filter((o) => o.operationType === t).map((o) => moneyToString(o.payment));
    expect(byType(OperationType.OPERATION_TYPE_BUY)).toEqual(['-5404']);
    expect(byType(OperationType.OPERATION_TYPE_BROKER_FEE)).toEqual(['-2.16']);
    expect(byType(OperationType.OPERATION_TYPE_INPUT)).toEqual(['1000000']);
    const cursor = await h.call(
      Ops.getOperationsByCursor,
      GetOperationsByCursorRequest.fromPartial({ accountId: acc, limit: 2 }),
    );
    expect(cursor.items).toHaveLength(2);
    expect(cursor.hasNext).toBe(true);
    const rest = await h.call(
      Ops.getOperationsByCursor,
      GetOperationsByCursorRequest.fromPartial({ accountId: acc, cursor: cursor.nextCursor }),
    );
    expect(rest.hasNext).toBe(false);
    expect([...cursor.items, ...rest.items].map((i) => i.id).sort()).toEqual(
      ops.operations.map((o) => o.id).sort(),
    );
    expect(h.client.stats()).toMatchObject({ rateLimited: 0, failures: 0 });
  });
});
