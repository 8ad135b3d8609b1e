/**
 * The documented sandbox rules, one test each, through plain generated stubs, with prices,
 * commission (0.05%, rounded to kopecks) and positions computed by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { moneyToString, quotationToString } from '../../../src/wire/convert/index.ts';
import {
  OrderDirection,
  OrderExecutionReportStatus as S,
  OrderType,
  GetOrderStateRequest,
  PostOrderRequest,
  type OrderState,
  type PostOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type {
  OperationsResponse,
  PositionsResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { OperationType } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let key = 0;
const nextKey = () => `00000000-0000-4000-8000-${String(++key).padStart(12, '0')}`;

async function sandboxAccount(v: VenueHarness, rub = '100000'): Promise<string> {
  const { accountId } = await v.ok<object, { accountId: string }>(
    v.sandbox,
    'openSandboxAccount',
    {},
  );
  const [units, frac = ''] = rub.split('.');
  await v.ok(v.sandbox, 'sandboxPayIn', {
    accountId,
    amount: { currency: 'rub', units: Number(units), nano: Number(frac.padEnd(9, '0')) },
  });
  return accountId;
}

function post(
  v: VenueHarness,
  accountId: string,
  o: { dir: 'buy' | 'sell'; lots: number; price?: string; id?: string },
) {
  const [units, frac = ''] = (o.price ?? '0').split('.');
  return v.rpc<object, PostOrderResponse>(
    v.sandbox,
    'postSandboxOrder',
    PostOrderRequest.fromPartial({
      accountId,
      instrumentId: SBER.uid,
      quantity: o.lots,
      direction:
        o.dir === 'buy' ? OrderDirection.ORDER_DIRECTION_BUY : OrderDirection.ORDER_DIRECTION_SELL,
      orderType: o.price ? OrderType.ORDER_TYPE_LIMIT : OrderType.ORDER_TYPE_MARKET,
      price: o.price ? { units: Number(units), nano: Number(frac.padEnd(9, '0')) } : undefined,
      orderId: o.id ?? nextKey(),
    }),
  );
}

const positions = (v: VenueHarness, accountId: string) =>
  v.ok<object, PositionsResponse>(v.sandbox, 'getSandboxPositions', { accountId });
const operations = (v: VenueHarness, accountId: string) =>
  v.ok<object, OperationsResponse>(v.sandbox, 'getSandboxOperations', { accountId });
const rub = (p: PositionsResponse) => moneyToString(p.money.find((m) => m.currency === 'rub'));

describe('sandbox execution', () => {
  it('fills market orders at the last trade price whatever their size', async () => {
    h = await venueHarness({}, new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15, 3));
    const a = await sandboxAccount(h, '100000');
    const b = await sandboxAccount(h, '100000');
    const small = (await post(h, a, { dir: 'buy', lots: 1 })).res!;
    const big = (await post(h, b, { dir: 'buy', lots: 50 })).res!;
    for (const r of [small, big]) {
      expect(r.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
      expect(moneyToString(r.executedOrderPrice)).toBe('270.15');
    }
    expect(big.lotsExecuted).toBe(50);
    // 1 lot = 10 pieces: 2701.50 + commission 1.35075 -> 1.35.
    expect(moneyToString(small.executedCommission)).toBe('1.35');
    expect(rub(await positions(h, a))).toBe('97297.15');
    // 50 lots: 135075 + 67.5375 -> 67.54.
    expect(moneyToString(big.executedCommission)).toBe('67.54');
    // 100000 - 135075 - 67.54: the sandbox's leverage of 2 lets the balance go negative.
    expect(rub(await positions(h, b))).toBe('-35142.54');
    const sec = (await positions(h, b)).securities[0];
    expect(sec.balance).toBe(500);
  });

  it('fills a limit order whole at the best opposite quote when the book has one at placement', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(SBER.uid, T0 - 60_000, [[270.1, 5]], [[270.2, 1]]);
    h = await venueHarness({}, tape);
    const a = await sandboxAccount(h);
    const r = (await post(h, a, { dir: 'buy', lots: 3, price: '270.30' })).res!;
    // Three lots fill although the ask shows one: 270.20 x 30 = 8106.00, commission 4.053 -> 4.05.
    expect(r.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    expect(r.lotsExecuted).toBe(3);
    expect(moneyToString(r.executedOrderPrice)).toBe('270.2');
    expect(moneyToString(r.executedCommission)).toBe('4.05');
    expect(rub(await positions(h, a))).toBe('91889.95');
  });

  it('rests a limit order without an acceptable quote and fills it at its own price when a trade crosses it', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(SBER.uid, T0 - 60_000, [[270.1, 5]], [[270.2, 1]])
      .trade(SBER.uid, T0 + 10_000, 270.05)
      .trade(SBER.uid, T0 + 20_000, 269.98);
    h = await venueHarness({}, tape);
    const a = await sandboxAccount(h);
    const r = (await post(h, a, { dir: 'buy', lots: 2, price: '270.00' })).res!;
    expect(r.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    // Money is blocked: 270.00 x 20 = 5400.00 plus commission 2.70.
    const before = await positions(h, a);
    expect(moneyToString(before.blocked[0])).toBe('5402.7');
    expect(rub(before)).toBe('94597.3');
    h.clock.advanceTo(T0 + 15_000);
    const mid = await h.ok<object, OrderState>(
      h.sandbox,
      'getSandboxOrderState',
      GetOrderStateRequest.fromPartial({ accountId: a, orderId: r.orderId }),
    );
    expect(mid.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    h.clock.advanceTo(T0 + MIN);
    const st = await h.ok<object, OrderState>(
      h.sandbox,
      'getSandboxOrderState',
      GetOrderStateRequest.fromPartial({ accountId: a, orderId: r.orderId }),
    );
    expect(st.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    // At its own price 270.00, not at the trade's 269.98.
    expect(moneyToString(st.averagePositionPrice)).toBe('270');
    expect(st.stages).toHaveLength(1);
    const after = await positions(h, a);
    expect(after.blocked).toEqual([]);
    expect(rub(after)).toBe('94597.3');
    expect(after.securities[0].balance).toBe(20);
  });

  it('rests a sell limit and fills it when a trade reaches it from below', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .trade(SBER.uid, T0 + 10_000, 270.49)
      .trade(SBER.uid, T0 + 20_000, 270.5);
    h = await venueHarness({}, tape);
    const a = await sandboxAccount(h);
    await post(h, a, { dir: 'buy', lots: 3 });
    const sell = (await post(h, a, { dir: 'sell', lots: 2, price: '270.50' })).res!;
    expect(sell.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    // Assets are blocked on sells: 20 of the 30 pieces.
    const blocked = (await positions(h, a)).securities[0];
    expect([blocked.balance, blocked.blocked]).toEqual([10, 20]);
    h.clock.advanceTo(T0 + MIN);
    const p = await positions(h, a);
    expect([p.securities[0].balance, p.securities[0].blocked]).toEqual([10, 0]);
    // Bought 30 at 270.15 (8104.50 + 4.05), sold 20 at 270.50 (5410.00 - 2.71 (2.705 -> 2.71)).
    expect(rub(p)).toBe('97298.74');
  });

  it('cancels unfilled orders at the end of the trading session and returns what they blocked', async () => {
    h = await venueHarness({}, new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15));
    const a = await sandboxAccount(h);
    const r = (await post(h, a, { dir: 'buy', lots: 1, price: '260.00' })).res!;
    h.clock.advanceTo(Date.UTC(2024, 9, 2, 20, 49));
    const open = await h.ok<object, OrderState>(
      h.sandbox,
      'getSandboxOrderState',
      GetOrderStateRequest.fromPartial({ accountId: a, orderId: r.orderId }),
    );
    expect(open.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
    h.clock.advanceTo(Date.UTC(2024, 9, 2, 20, 51));
    const st = await h.ok<object, OrderState>(
      h.sandbox,
      'getSandboxOrderState',
      GetOrderStateRequest.fromPartial({ accountId: a, orderId: r.orderId }),
    );
    expect(st.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_CANCELLED);
    const p = await positions(h, a);
    expect(p.blocked).toEqual([]);
    expect(rub(p)).toBe('100000');
  });

  it('records operations only on execution', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .trade(SBER.uid, T0 + 5_000, 269.9);
    h = await venueHarness({}, tape);
    const a = await sandboxAccount(h);
    await post(h, a, { dir: 'buy', lots: 1, price: '270.00' });
    const resting = await operations(h, a);
    expect(resting.operations.map((o) => o.operationType)).toEqual([
      OperationType.OPERATION_TYPE_INPUT,
    ]);
    h.clock.advanceTo(T0 + MIN);
    const done = (await operations(h, a)).operations;
    expect(done.map((o) => o.operationType)).toEqual([
      OperationType.OPERATION_TYPE_INPUT,
      OperationType.OPERATION_TYPE_BUY,
      OperationType.OPERATION_TYPE_BROKER_FEE,
    ]);
    const buy = done[1];
    expect(moneyToString(buy.payment)).toBe('-2700');
    expect(moneyToString(buy.price)).toBe('270');
    expect(buy.quantity).toBe(10);
    expect(buy.trades.map((t) => [t.quantity, moneyToString(t.price)])).toEqual([[10, '270']]);
    // 2700.00 x 0.05% = 1.35.
    expect(moneyToString(done[2].payment)).toBe('-1.35');
    expect(done[2].parentOperationId).toBe(buy.id);
    expect(quotationToString({ units: 0, nano: 0 })).toBe('0');
  });
});
