/**
 * Every order-side rpc answers with the contract's shapes through plain generated stubs: users,
 * async and replaced orders, max lots and order price, portfolio, withdraw limits, operations by
 * cursor, portfolio and positions streams, and the sandbox host chosen by port or token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { moneyToString, quotationToString } from '../../../src/wire/convert/index.ts';
import {
  GetMaxLotsRequest,
  OrderExecutionReportStatus as S,
  type GetMaxLotsResponse,
  type GetOrderPriceResponse,
  type GetOrdersResponse,
  type PostOrderAsyncResponse,
  type PostOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  GetOperationsByCursorRequest,
  type GetOperationsByCursorResponse,
  type PortfolioResponse,
  type PortfolioStreamResponse,
  type PositionsStreamResponse,
  type WithdrawLimitsResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  AccessLevel,
  AccountStatus,
  type GetAccountsResponse,
  type GetInfoResponse,
  type GetMarginAttributesResponse,
  type GetUserTariffResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { auth } from '../helpers.ts';
import {
  newKey,
  orderRequest,
  orderState,
  postOrder,
  prodAccount,
  sandboxAccount,
  asyncLimitBuy,
  buyPriceRequest,
  replaceRequest,
} from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { StreamReader } from './stream-reader.ts';
import { clientsFor, SBER, T0, TOKEN, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
const readers: StreamReader<unknown>[] = [];
afterEach(async () => {
  for (const r of readers.splice(0)) r.close();
  await h?.close();
  h = undefined;
});

const tape = () =>
  new ScriptedTape()
    .trade(SBER.uid, T0 - 30_000, 270.15)
    .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]]);

describe('UsersService', () => {
  it('lists accounts per host, margin attributes, tariff limits and user info', async () => {
    h = await venueHarness({ tokens: [TOKEN, 'ro'], trading: { readOnlyTokens: ['ro'] } }, tape());
    const prod = await h.ok<object, GetAccountsResponse>(h.users, 'getAccounts', {});
    expect(prod.accounts).toHaveLength(1);
    expect(prod.accounts[0].status).toBe(AccountStatus.ACCOUNT_STATUS_OPEN);
    expect(prod.accounts[0].accessLevel).toBe(AccessLevel.ACCOUNT_ACCESS_LEVEL_FULL_ACCESS);
    const ro = await h.ok<object, GetAccountsResponse>(h.users, 'getAccounts', {}, 'ro');
    expect(ro.accounts[0].accessLevel).toBe(AccessLevel.ACCOUNT_ACCESS_LEVEL_READ_ONLY);
    const margin = await h.ok<object, GetMarginAttributesResponse>(h.users, 'getMarginAttributes', {
      accountId: prod.accounts[0].id,
    });
    expect(moneyToString(margin.liquidPortfolio)).toBe('1000000');
    const tariff = await h.ok<object, GetUserTariffResponse>(h.users, 'getUserTariff', {});
    const orders = tariff.unaryLimits.find((l) =>
      l.methods.some((m) => m.endsWith('OrdersService/PostOrder')),
    );
    expect(orders?.limitPerMinute).toBe(300);
    expect(
      tariff.streamLimits.some((l) => l.streams.some((s) => s.endsWith('/TradesStream'))),
    ).toBe(true);
    const info = await h.ok<object, GetInfoResponse>(h.users, 'getInfo', {});
    expect(info.userId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OrdersService extras', () => {
  it('places async, replaces, prices and sizes orders', async () => {
    h = await venueHarness({ trading: { commissionRate: '0.0004' } }, tape());
    const acc = await prodAccount(h);
    const key = newKey();
    const asyncRes = await h.ok<object, PostOrderAsyncResponse>(
      h.orders,
      'postOrderAsync',
      asyncLimitBuy(acc, '265', key),
    );
    expect(asyncRes.orderRequestId).toBe(key);
    expect(asyncRes.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    const replaced = await h.ok<object, PostOrderResponse>(
      h.orders,
      'replaceOrder',
      replaceRequest(acc, asyncRes.tradeIntentId, 2, '266'),
    );
    expect(replaced.lotsRequested).toBe(2);
    expect(moneyToString(replaced.initialSecurityPrice)).toBe('266');
    expect((await orderState(h, acc, asyncRes.tradeIntentId!)).executionReportStatus).toBe(
      S.EXECUTION_REPORT_STATUS_CANCELLED,
    );
    const active = await h.ok<object, GetOrdersResponse>(h.orders, 'getOrders', { accountId: acc });
    expect(active.orders.map((o) => o.orderId)).toEqual([replaced.orderId]);
    // 2 lots at 266 block 5320.00 + 2.13 (2.128): free 994677.87 buys floor(994677.87 / 2702.08) lots at the ask.
    const lots = await h.ok<object, GetMaxLotsResponse>(
      h.orders,
      'getMaxLots',
      GetMaxLotsRequest.fromPartial({ accountId: acc, instrumentId: SBER.uid }),
    );
    expect(quotationToString(lots.buyLimits?.buyMoneyAmount)).toBe('994677.87');
    expect(lots.buyLimits?.buyMaxLots).toBe(Math.floor(994677.87 / (2701.5 + 1.08)));
    expect(lots.sellLimits?.sellMaxLots).toBe(0);
    const price = await h.ok<object, GetOrderPriceResponse>(
      h.orders,
      'getOrderPrice',
      buyPriceRequest(acc, '270.15', 3),
    );
    // 3 x 10 x 270.15 = 8104.50; commission 3.2418 -> 3.24.
    expect(moneyToString(price.initialOrderAmount)).toBe('8104.5');
    expect(moneyToString(price.executedCommission)).toBe('3.24');
    expect(moneyToString(price.totalOrderAmount)).toBe('8107.74');
  });
});

describe('OperationsService and OperationsStreamService', () => {
  it('values the portfolio, reports withdraw limits and pages operations newest first', async () => {
    h = await venueHarness({ trading: { commissionRate: '0.0004' } }, tape());
    const acc = await prodAccount(h);
    for (let i = 0; i < 3; i++) await postOrder(h, acc, { dir: 'buy', lots: 1 });
    const pf = await h.ok<object, PortfolioResponse>(h.ops, 'getPortfolio', { accountId: acc });
    // Bought 3 x 10 at the ask 270.20 (2702.00 + 1.08 each); valued at the last trade 270.15.
    expect(moneyToString(pf.totalAmountShares)).toBe('8104.5');
    expect(moneyToString(pf.totalAmountCurrencies)).toBe('991890.76');
    expect(moneyToString(pf.totalAmountPortfolio)).toBe('999995.26');
    const sber = pf.positions.find((p) => p.instrumentUid === SBER.uid)!;
    expect(quotationToString(sber.quantity)).toBe('30');
    expect(moneyToString(sber.averagePositionPrice)).toBe('270.2');
    expect(quotationToString(sber.expectedYield)).toBe('-1.5');
    const wl = await h.ok<object, WithdrawLimitsResponse>(h.ops, 'getWithdrawLimits', {
      accountId: acc,
    });
    expect(moneyToString(wl.money[0])).toBe('991890.76');
    const page1 = await h.ok<object, GetOperationsByCursorResponse>(
      h.ops,
      'getOperationsByCursor',
      GetOperationsByCursorRequest.fromPartial({ accountId: acc, limit: 4 }),
    );
    // 1 pay-in + 3 x (buy + fee) = 7 operations, newest first.
    expect(page1.items).toHaveLength(4);
    expect(page1.hasNext).toBe(true);
    const page2 = await h.ok<object, GetOperationsByCursorResponse>(
      h.ops,
      'getOperationsByCursor',
      GetOperationsByCursorRequest.fromPartial({
        accountId: acc,
        limit: 4,
        cursor: page1.nextCursor,
      }),
    );
    expect(page2.items).toHaveLength(3);
    expect(page2.hasNext).toBe(false);
    const ids = [...page1.items, ...page2.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(7);
    const noFees = await h.ok<object, GetOperationsByCursorResponse>(
      h.ops,
      'getOperationsByCursor',
      GetOperationsByCursorRequest.fromPartial({ accountId: acc, withoutCommissions: true }),
    );
    expect(noFees.items).toHaveLength(4);
    expect(moneyToString(noFees.items[0].commission)).toBe('1.08');
  });

  it('streams portfolio and position changes', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    const pf = new StreamReader<PortfolioStreamResponse>(
      h.opsStream.portfolioStream({ accounts: [acc] }, auth()),
    );
    const pos = new StreamReader<PositionsStreamResponse>(
      h.opsStream.positionsStream({ accounts: [acc], withInitialPositions: true }, auth()),
    );
    readers.push(pf as StreamReader<unknown>, pos as StreamReader<unknown>);
    await pf.waitFor((m) => m.subscriptions !== undefined);
    const [initial] = await pos.waitFor((m) => m.initialPositions !== undefined);
    expect(moneyToString(initial.initialPositions?.money[0])).toBe('1000000');
    await postOrder(h, acc, { dir: 'buy', lots: 1 });
    const [p] = await pf.waitFor(
      (m) => m.portfolio?.positions.some((x) => x.instrumentUid === SBER.uid) ?? false,
    );
    expect(p.portfolio?.accountId).toBe(acc);
    const [change] = await pos.waitFor((m) => (m.position?.securities.length ?? 0) > 0);
    expect(change.position?.securities[0].balance).toBe(10);
  });
});

describe('hosts', () => {
  it('serves the sandbox on its own port and to sandbox tokens on the main port', async () => {
    h = await venueHarness(
      { tokens: [TOKEN, 'sbx'], sandboxPort: 0, trading: { sandboxTokens: ['sbx'] } },
      tape(),
    );
    const sbx = await sandboxAccount(h, '5000');
    const viaToken = await h.ok<object, GetAccountsResponse>(h.users, 'getAccounts', {}, 'sbx');
    expect(viaToken.accounts.map((a) => a.id)).toEqual([sbx]);
    const port = clientsFor(h.emu.sandboxAddress!);
    try {
      const viaPort = await h.ok<object, GetAccountsResponse>(port.users, 'getAccounts', {});
      expect(viaPort.accounts.map((a) => a.id)).toEqual([sbx]);
      // The same order through OrdersService on the sandbox port fills by the sandbox rules.
      const r = await h.rpc<object, PostOrderResponse>(
        port.orders,
        'postOrder',
        orderRequest(sbx, { dir: 'buy', lots: 1 }),
      );
      expect(moneyToString(r.res?.executedOrderPrice)).toBe('270.15');
    } finally {
      for (const c of Object.values(port)) c.close();
    }
    const prod = await h.ok<object, GetAccountsResponse>(h.users, 'getAccounts', {});
    expect(prod.accounts.map((a) => a.id)).not.toContain(sbx);
  });
});
