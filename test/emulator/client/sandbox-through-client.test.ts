/**
 * Every SandboxService rpc the contract defines, through our TinvestClient (`raw.call`), with the
 * contract's shapes and values computed by hand from the documented sandbox rules: market orders at
 * the last trade price (270.15), limit orders resting when the book has no opposite quote at their
 * price, money blocked, 0.05% commission, leverage 2, operations only on execution.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  moneyToString,
  quotationToString,
  stringToQuotation,
  timestampToMs,
} from '../../../src/wire/convert/index.ts';
import {
  GetOperationsByCursorRequest,
  OperationsRequest,
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
  OrderExecutionReportStatus as S,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  CloseSandboxAccountRequest,
  OpenSandboxAccountRequest,
  SandboxPayInRequest,
  SandboxServiceService as Sandbox,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import {
  CancelStopOrderRequest,
  GetStopOrdersRequest,
  StopOrderStatusOption,
  StopOrderType,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import {
  AccountStatus,
  GetAccountsRequest,
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

describe('SandboxService through our client', () => {
  it('opens, pays in, trades, reports and closes a sandbox account', async () => {
    h = await clientHarness();
    const { accountId: acc } = await h.call(
      Sandbox.openSandboxAccount,
      OpenSandboxAccountRequest.fromPartial({ name: 'rehearsal' }),
    );
    const listed = await h.call(Sandbox.getSandboxAccounts, GetAccountsRequest.fromPartial({}));
    expect(listed.accounts.map((a) => [a.id, a.name, a.status])).toEqual([
      [acc, 'rehearsal', AccountStatus.ACCOUNT_STATUS_OPEN],
    ]);
    const paid = await h.call(
      Sandbox.sandboxPayIn,
      SandboxPayInRequest.fromPartial({
        accountId: acc,
        amount: { currency: 'rub', ...stringToQuotation('100000') },
      }),
    );
    expect(moneyToString(paid.balance)).toBe('100000');

    // A market buy of 1 lot at the last trade 270.15: 2701.50, fee 0.05% = 1.35075 -> 1.35.
    const buy = await h.call(Sandbox.postSandboxOrder, orderRequest(acc, { dir: 'buy', lots: 1 }));
    expect(buy.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    expect(moneyToString(buy.executedOrderPrice)).toBe('270.15');
    expect(moneyToString(buy.executedCommission)).toBe('1.35');
    expect(moneyToString(buy.totalOrderAmount)).toBe('2702.85');

    // A limit buy at 260 rests (no ask at or under 260), then is replaced by 2 lots at 261.
    const pending = await h.call(
      Sandbox.postSandboxOrderAsync,
      asyncLimitBuy(acc, '260', newKey()),
    );
    expect(pending.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    const state = await h.call(
      Sandbox.getSandboxOrderState,
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: pending.tradeIntentId }),
    );
    expect(state.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    expect(moneyToString(state.initialSecurityPrice)).toBe('260');
    const replaced = await h.call(
      Sandbox.replaceSandboxOrder,
      replaceRequest(acc, pending.tradeIntentId, 2, '261'),
    );
    expect(replaced.lotsRequested).toBe(2);
    const open = await h.call(
      Sandbox.getSandboxOrders,
      GetOrdersRequest.fromPartial({ accountId: acc }),
    );
    expect(open.orders.map((o) => o.orderId)).toEqual([replaced.orderId]);

    // Free: 100000 - 2702.85 - (5220 + 2.61 blocked for 2 x 261) = 92074.54; a lot at 270.15 with
    // its fee costs 2702.85: 34 lots, and with leverage 2 (184149.08) 68; 10 pieces sell as 1 lot.
    const lots = await h.call(
      Sandbox.getSandboxMaxLots,
      GetMaxLotsRequest.fromPartial({
        accountId: acc,
        instrumentId: SBER.uid,
        price: stringToQuotation('270.15'),
      }),
    );
    expect(quotationToString(lots.buyLimits?.buyMoneyAmount)).toBe('92074.54');
    expect(lots.buyLimits?.buyMaxLots).toBe(34);
    expect(quotationToString(lots.buyMarginLimits?.buyMoneyAmount)).toBe('184149.08');
    expect(lots.buyMarginLimits?.buyMaxLots).toBe(68);
    expect(lots.sellLimits?.sellMaxLots).toBe(1);
    // 2 x 10 x 270.15 = 5403.00; fee 2.7015 -> 2.70.
    const price = await h.call(Sandbox.getSandboxOrderPrice, buyPriceRequest(acc, '270.15', 2));
    expect(moneyToString(price.initialOrderAmount)).toBe('5403');
    expect(moneyToString(price.executedCommission)).toBe('2.7');
    expect(moneyToString(price.totalOrderAmount)).toBe('5405.7');
    const cancelled = await h.call(
      Sandbox.cancelSandboxOrder,
      CancelOrderRequest.fromPartial({ accountId: acc, orderId: replaced.orderId }),
    );
    expect(timestampToMs(cancelled.time)).toBe(T0);

    // A stop-loss sell at 265 is listed, then cancelled.
    const stop = await h.call(
      Sandbox.postSandboxStopOrder,
      stopRequest(acc, { dir: 'sell', type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, stop: '265' }),
    );
    const stops = await h.call(
      Sandbox.getSandboxStopOrders,
      GetStopOrdersRequest.fromPartial({ accountId: acc }),
    );
    expect(stops.stopOrders.map((s) => [s.stopOrderId, moneyToString(s.stopPrice)])).toEqual([
      [stop.stopOrderId, '265'],
    ]);
    await h.call(
      Sandbox.cancelSandboxStopOrder,
      CancelStopOrderRequest.fromPartial({ accountId: acc, stopOrderId: stop.stopOrderId }),
    );
    const allStops = await h.call(
      Sandbox.getSandboxStopOrders,
      GetStopOrdersRequest.fromPartial({
        accountId: acc,
        status: StopOrderStatusOption.STOP_ORDER_STATUS_ALL,
      }),
    );
    expect(allStops.stopOrders.map((s) => s.status)).toEqual([
      StopOrderStatusOption.STOP_ORDER_STATUS_CANCELED,
    ]);

    // The account: 100000 - 2702.85 = 97297.15 RUB and 10 shares at 270.15 = 2701.50.
    const pos = await h.call(
      Sandbox.getSandboxPositions,
      PositionsRequest.fromPartial({ accountId: acc }),
    );
    expect(pos.money.map(moneyToString)).toEqual(['97297.15']);
    expect(pos.securities.map((s) => [s.instrumentUid, s.balance, s.blocked])).toEqual([
      [SBER.uid, 10, 0],
    ]);
    const pf = await h.call(
      Sandbox.getSandboxPortfolio,
      PortfolioRequest.fromPartial({ accountId: acc }),
    );
    expect(moneyToString(pf.totalAmountShares)).toBe('2701.5');
    expect(moneyToString(pf.totalAmountCurrencies)).toBe('97297.15');
    expect(moneyToString(pf.totalAmountPortfolio)).toBe('99998.65');
    const wl = await h.call(
      Sandbox.getSandboxWithdrawLimits,
      WithdrawLimitsRequest.fromPartial({ accountId: acc }),
    );
    expect(wl.money.map(moneyToString)).toEqual(['97297.15']);
    // Operations only for what executed: the pay-in, the buy and its fee (not the resting orders).
    const ops = await h.call(
      Sandbox.getSandboxOperations,
      OperationsRequest.fromPartial({ accountId: acc }),
    );
    expect(ops.operations.map((o) => [o.operationType, moneyToString(o.payment)]).sort()).toEqual(
      [
        [OperationType.OPERATION_TYPE_INPUT, '100000'],
        [OperationType.OPERATION_TYPE_BUY, '-2701.5'],
        [OperationType.OPERATION_TYPE_BROKER_FEE, '-1.35'],
      ].sort(),
    );
    const cursor = await h.call(
      Sandbox.getSandboxOperationsByCursor,
      GetOperationsByCursorRequest.fromPartial({ accountId: acc }),
    );
    expect(cursor.items.map((i) => i.id).sort()).toEqual(ops.operations.map((o) => o.id).sort());
    expect(cursor.hasNext).toBe(false);

    await h.call(
      Sandbox.closeSandboxAccount,
      CloseSandboxAccountRequest.fromPartial({ accountId: acc }),
    );
    const after = await h.call(Sandbox.getSandboxAccounts, GetAccountsRequest.fromPartial({}));
    expect(after.accounts).toEqual([]);
    expect(h.client.stats()).toMatchObject({ rateLimited: 0, failures: 0 });
  });
});
