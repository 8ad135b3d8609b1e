/**
 * Trailing take-profits on the venue's last price, with hand-computed levels: activation at the
 * stop price, the extremum followed trade by trade, the trigger on a fall-back by the indent
 * (absolute and relative, a tie triggers), the exchange order at the protective spread (a limit) or
 * at market (no spread), and 30039 for trailing data that cannot work.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { moneyToString, quotationToString } from '../../../src/wire/convert/index.ts';
import {
  GetOrderStateRequest,
  OrderDirection,
  OrderExecutionReportStatus as S,
  OrderType,
  type OrderState,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  ExchangeOrderType,
  GetStopOrdersRequest,
  StopOrderStatusOption,
  StopOrderType,
  TakeProfitType,
  TrailingStopStatus,
  TrailingValueType as V,
  type GetStopOrdersResponse,
  type PostStopOrderResponse,
  type StopOrder,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { failure, orderState, postOrder, prodAccount, sandboxAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { stopRequest } from './stop-helpers.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A trailing take-profit of 1 lot (or `type` instead of a take-profit, to be refused). */
function trailRequest(
  accountId: string,
  t: {
    dir: 'buy' | 'sell';
    stop: string;
    indent: [string, V];
    spread?: [string, V];
    type?: StopOrderType;
  },
) {
  return stopRequest(accountId, {
    dir: t.dir,
    type: t.type ?? StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT,
    stop: t.stop,
    trailing: { indent: t.indent, spread: t.spread },
  });
}

type TrailSpec = Parameters<typeof trailRequest>[1];

async function stopOf(v: VenueHarness, accountId: string, id: string, sandbox = false) {
  const [client, method] = sandbox
    ? [v.sandbox, 'getSandboxStopOrders']
    : [v.stops, 'getStopOrders'];
  const res = await v.ok<object, GetStopOrdersResponse>(
    client,
    method,
    GetStopOrdersRequest.fromPartial({
      accountId,
      status: StopOrderStatusOption.STOP_ORDER_STATUS_ALL,
    }),
  );
  return res.stopOrders.find((s) => s.stopOrderId === id)!;
}

const trailing = (s: StopOrder) => ({
  status: s.trailingData?.status,
  extr: s.trailingData?.extr ? quotationToString(s.trailingData.extr) : undefined,
  level: s.trailingData?.price ? quotationToString(s.trailingData.price) : undefined,
});

describe('trailing take-profit', () => {
  it('sell, absolute indent 1.00 and spread 0.50: follows the high, triggers at high - 1, sells limit 0.50 under', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]])
      .trade(SBER.uid, T0 + 10_000, 270.5) // below the activation price 271.00
      .trade(SBER.uid, T0 + 20_000, 271.2) // activates: extremum 271.20
      .trade(SBER.uid, T0 + 30_000, 272.4) // extremum 272.40, level 271.40
      .trade(SBER.uid, T0 + 40_000, 271.6) // above 271.40: holds
      .trade(SBER.uid, T0 + 50_000, 273.0) // extremum 273.00, level 272.00
      .trade(SBER.uid, T0 + 70_000, 272.0); // 272.00 <= 272.00: triggers (a tie triggers)
    h = await venueHarness({ trading: { commissionRate: '0' } }, tape);
    const acc = await prodAccount(h);
    await postOrder(h, acc, { dir: 'buy', lots: 3 });
    const { stopOrderId } = await h.ok<object, PostStopOrderResponse>(
      h.stops,
      'postStopOrder',
      trailRequest(acc, {
        dir: 'sell',
        stop: '271.00',
        indent: ['1.00', V.TRAILING_VALUE_ABSOLUTE],
        spread: ['0.50', V.TRAILING_VALUE_ABSOLUTE],
      }),
    );
    const placed = await stopOf(h, acc, stopOrderId);
    expect(placed.takeProfitType).toBe(TakeProfitType.TAKE_PROFIT_TYPE_TRAILING);
    expect(trailing(placed)).toEqual({
      status: TrailingStopStatus.TRAILING_STOP_ACTIVE,
      extr: undefined,
      level: undefined,
    });
    expect(quotationToString(placed.trailingData!.indent!)).toBe('1');
    expect(placed.trailingData!.spreadType).toBe(V.TRAILING_VALUE_ABSOLUTE);

    h.clock.advanceTo(T0 + MIN);
    const trailingNow = await stopOf(h, acc, stopOrderId);
    expect(trailingNow.status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE);
    expect(trailing(trailingNow)).toEqual({
      status: TrailingStopStatus.TRAILING_STOP_ACTIVATED,
      extr: '273',
      level: '272',
    });

    h.clock.advanceTo(T0 + 2 * MIN);
    const fired = await stopOf(h, acc, stopOrderId);
    expect(fired.status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED);
    expect(fired.activationDateTime?.seconds).toBe((T0 + 70_000) / 1000);
    expect(fired.exchangeOrderType).toBe(ExchangeOrderType.EXCHANGE_ORDER_TYPE_LIMIT);
    expect(trailing(fired).level).toBe('271.5');
    const order = await orderState(h, acc, fired.exchangeOrderId!);
    expect(order.direction).toBe(OrderDirection.ORDER_DIRECTION_SELL);
    expect(order.orderType).toBe(OrderType.ORDER_TYPE_LIMIT);
    expect(order.lotsRequested).toBe(1);
    // 272.00 - 0.50 = 271.50 a share, above the bid of 270.10: the sell rests at its price.
    expect(moneyToString(order.initialSecurityPrice)).toBe('271.5');
    expect(order.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_NEW);
  });

  it('buy, relative indent 1.5% and no spread: follows the low, triggers at low x 1.015, buys at market', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 268.0)
      .trade(SBER.uid, T0 + 10_000, 266.0) // above the activation price 265.00
      .trade(SBER.uid, T0 + 20_000, 264.0) // activates: extremum 264.00
      .trade(SBER.uid, T0 + 30_000, 260.0) // extremum 260.00, level 260 x 1.015 = 263.90
      .trade(SBER.uid, T0 + 40_000, 263.8) // under 263.90: holds
      .trade(SBER.uid, T0 + 50_000, 263.9) // 263.90 >= 263.90: triggers
      .trade(SBER.uid, T0 + 55_000, 250.0); // after the trigger: changes nothing
    h = await venueHarness({}, tape);
    const acc = await sandboxAccount(h, '100000');
    const { stopOrderId } = await h.ok<object, PostStopOrderResponse>(
      h.sandbox,
      'postSandboxStopOrder',
      trailRequest(acc, { dir: 'buy', stop: '265.00', indent: ['1.5', V.TRAILING_VALUE_RELATIVE] }),
    );
    h.clock.advanceTo(T0 + 45_000);
    expect(trailing(await stopOf(h, acc, stopOrderId, true))).toEqual({
      status: TrailingStopStatus.TRAILING_STOP_ACTIVATED,
      extr: '260',
      level: '263.9',
    });
    h.clock.advanceTo(T0 + MIN);
    const fired = await stopOf(h, acc, stopOrderId, true);
    expect(fired.status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED);
    expect(fired.exchangeOrderType).toBe(ExchangeOrderType.EXCHANGE_ORDER_TYPE_MARKET);
    expect(fired.activationDateTime?.seconds).toBe((T0 + 50_000) / 1000);
    const order = await h.ok<object, OrderState>(
      h.sandbox,
      'getSandboxOrderState',
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: fired.exchangeOrderId }),
    );
    // The sandbox fills a market order at the last trade price: the triggering 263.90.
    expect(order.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    expect(moneyToString(order.averagePositionPrice)).toBe('263.9');
  });

  it('refuses trailing data that cannot work with 30039', async () => {
    h = await venueHarness({}, new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15));
    const acc = await prodAccount(h);
    const bad: TrailSpec[] = [
      {
        dir: 'sell',
        stop: '271',
        indent: ['1', V.TRAILING_VALUE_ABSOLUTE],
        type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
      },
      { dir: 'sell', stop: '271', indent: ['0', V.TRAILING_VALUE_ABSOLUTE] },
      { dir: 'sell', stop: '271', indent: ['1', V.TRAILING_VALUE_UNSPECIFIED] },
      { dir: 'sell', stop: '271', indent: ['100', V.TRAILING_VALUE_RELATIVE] },
      {
        dir: 'sell',
        stop: '271',
        indent: ['1', V.TRAILING_VALUE_ABSOLUTE],
        spread: ['-1', V.TRAILING_VALUE_ABSOLUTE],
      },
    ];
    for (const t of bad) {
      const r = await h.rpc(h.stops, 'postStopOrder', trailRequest(acc, t));
      expect(failure(r).slice(0, 2), JSON.stringify(t)).toEqual([status.INVALID_ARGUMENT, '30039']);
    }
  });
});
