/**
 * Stop orders triggered on the venue's last price: take-profit, stop-loss and stop-limit, good till
 * cancel and till a date; listing by status and cancelling.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { moneyToString } from '../../../src/wire/convert/index.ts';
import { OrderExecutionReportStatus as S } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  CancelStopOrderRequest,
  GetStopOrdersRequest,
  StopOrderStatusOption,
  StopOrderType,
  type GetStopOrdersResponse,
  type PostStopOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { failure, orderState, postOrder, prodAccount } from './order-helpers.ts';
import { stopRequest, type StopSpec } from './stop-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const list = async (
  v: VenueHarness,
  accountId: string,
  st = StopOrderStatusOption.STOP_ORDER_STATUS_ALL,
) =>
  (
    await v.ok<object, GetStopOrdersResponse>(
      v.stops,
      'getStopOrders',
      GetStopOrdersRequest.fromPartial({ accountId, status: st }),
    )
  ).stopOrders;

describe('stop orders', () => {
  it('triggers take-profit, stop-loss and stop-limit on the first trade through their stop price', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]])
      .trade(SBER.uid, T0 + 10_000, 272.0, 50, 'buy')
      .trade(SBER.uid, T0 + 70_000, 268.0, 50, 'sell');
    h = await venueHarness({ trading: { commissionRate: '0' } }, tape);
    const acc = await prodAccount(h);
    await postOrder(h, acc, { dir: 'buy', lots: 3 });
    const post = async (s: StopSpec) =>
      (await h!.ok<object, PostStopOrderResponse>(h!.stops, 'postStopOrder', stopRequest(acc, s)))
        .stopOrderId;
    const tp = await post({
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT,
      stop: '271.50',
    });
    const sl = await post({
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
      stop: '269.00',
    });
    const sLim = await post({
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT,
      stop: '269.00',
      price: '268.00',
    });
    expect(
      (await list(h, acc, StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE)).map(
        (s) => s.stopOrderId,
      ),
    ).toEqual([tp, sl, sLim]);

    h.clock.advanceTo(T0 + MIN);
    const afterUp = await list(h, acc);
    const byId = (id: string) => afterUp.find((s) => s.stopOrderId === id)!;
    expect(byId(tp).status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED);
    expect(byId(sl).status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE);
    // The take-profit became a market sell at the triggering trade's time, against the book's bid.
    const tpOrder = await orderState(h, acc, byId(tp).exchangeOrderId!);
    expect(tpOrder.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    expect(moneyToString(tpOrder.averagePositionPrice)).toBe('270.1');

    h.clock.advanceTo(T0 + 2 * MIN);
    const done = await list(h, acc, StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED);
    expect(done.map((s) => s.stopOrderId).sort()).toEqual([tp, sl, sLim].sort());
    const limit = await orderState(
      h,
      acc,
      done.find((s) => s.stopOrderId === sLim)!.exchangeOrderId!,
    );
    // The stop-limit's sell at 268.00 meets the bid of 270.10, better than its limit, and fills there.
    expect(moneyToString(limit.averagePositionPrice)).toBe('270.1');
  });

  it('expires a till-date stop order and cancels a good-till-cancel one on request', async () => {
    h = await venueHarness({}, new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15));
    const acc = await prodAccount(h);
    const gtd = await h.ok<object, PostStopOrderResponse>(
      h.stops,
      'postStopOrder',
      stopRequest(acc, {
        dir: 'buy',
        type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
        stop: '280.00',
        expireAt: T0 + 30_000,
      }),
    );
    const gtc = await h.ok<object, PostStopOrderResponse>(
      h.stops,
      'postStopOrder',
      stopRequest(acc, {
        dir: 'buy',
        type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
        stop: '280.00',
      }),
    );
    h.clock.advanceTo(T0 + MIN);
    const all = await list(h, acc);
    expect(all.find((s) => s.stopOrderId === gtd.stopOrderId)?.status).toBe(
      StopOrderStatusOption.STOP_ORDER_STATUS_EXPIRED,
    );
    await h.ok(
      h.stops,
      'cancelStopOrder',
      CancelStopOrderRequest.fromPartial({ accountId: acc, stopOrderId: gtc.stopOrderId }),
    );
    expect(await list(h, acc, StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE)).toEqual([]);
    const again = await h.rpc(
      h.stops,
      'cancelStopOrder',
      CancelStopOrderRequest.fromPartial({ accountId: acc, stopOrderId: gtc.stopOrderId }),
    );
    expect(failure(again).slice(0, 2)).toEqual([status.INVALID_ARGUMENT, '30060']);
    const past = await h.rpc(
      h.stops,
      'postStopOrder',
      stopRequest(acc, {
        dir: 'buy',
        type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
        stop: '280.00',
        expireAt: T0,
      }),
    );
    expect(failure(past).slice(0, 2)).toEqual([status.INVALID_ARGUMENT, '30040']);
  });
});
