/**
 * TradesStream and OrderStateStream through plain stubs, and the trade-event faults: late, twice,
 * out of order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { quotationToString } from '../../../src/wire/convert/index.ts';
import {
  OrderExecutionReportStatus as S,
  type OrderStateStreamResponse,
  type TradesStreamResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { ResultSubscriptionStatus } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import { auth } from '../helpers.ts';
import { postOrder, prodAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { StreamReader } from './stream-reader.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

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
    .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]])
    .trade(SBER.uid, T0 + 10_000, 269.5, 100, 'sell');

function trades(v: VenueHarness, accounts: string[]): StreamReader<TradesStreamResponse> {
  const r = new StreamReader<TradesStreamResponse>(
    v.ordersStream.tradesStream({ accounts, pingDelayMs: 5000 }, auth()),
  );
  readers.push(r as StreamReader<unknown>);
  return r;
}

const isTrades = (m: TradesStreamResponse) => m.orderTrades !== undefined;

describe('TradesStream', () => {
  it('confirms the subscription and sends each execution with pieces, price and ids', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    const r = trades(h, [acc]);
    const [sub] = await r.waitFor((m) => m.subscription !== undefined);
    expect(sub.subscription?.status).toBe(ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_OK);
    expect(sub.subscription?.accounts).toEqual([acc]);
    const placed = (await postOrder(h, acc, { dir: 'buy', lots: 2 })).res!;
    const [ev] = await r.waitFor(isTrades);
    expect(ev.orderTrades?.orderId).toBe(placed.orderId);
    expect(ev.orderTrades?.accountId).toBe(acc);
    expect(ev.orderTrades?.trades.map((t) => [t.quantity, quotationToString(t.price)])).toEqual([
      [20, '270.2'],
    ]);
    // A resting order's fill arrives when the clock passes the crossing trade.
    const resting = (await postOrder(h, acc, { dir: 'buy', lots: 1, price: '269.60' })).res!;
    h.clock.advanceTo(T0 + MIN);
    const evs = await r.waitFor(isTrades, 2);
    expect(evs[1].orderTrades?.orderId).toBe(resting.orderId);
    expect(quotationToString(evs[1].orderTrades?.trades[0].price)).toBe('269.6');
  });

  it('reports unknown accounts in the subscription answer', async () => {
    h = await venueHarness({}, tape());
    const [sub] = await trades(h, ['nope']).waitFor((m) => m.subscription !== undefined);
    expect(sub.subscription?.status).toBe(
      ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_ERROR,
    );
    expect(sub.subscription?.error?.code).toBe('50004');
  });

  it('delivers trade events twice, late, or swapped when the faults say so', async () => {
    h = await venueHarness({ faults: { tradeEvents: { duplicate: true } } }, tape());
    const acc = await prodAccount(h);
    const r = trades(h, [acc]);
    await r.waitFor((m) => m.subscription !== undefined);
    const a = (await postOrder(h, acc, { dir: 'buy', lots: 1 })).res!;
    const twice = await r.waitFor(isTrades, 2);
    expect(twice.map((m) => m.orderTrades?.orderId)).toEqual([a.orderId, a.orderId]);

    h.emu.faults.tradeEvents = { delayMs: 300 };
    const sent = Date.now();
    await postOrder(h, acc, { dir: 'buy', lots: 1 });
    await r.waitFor(isTrades, 3);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(290);

    h.emu.faults.tradeEvents = { reorder: true };
    const b = (await postOrder(h, acc, { dir: 'buy', lots: 1 })).res!;
    const c = (await postOrder(h, acc, { dir: 'buy', lots: 1 })).res!;
    const all = await r.waitFor(isTrades, 5);
    expect(all.slice(3).map((m) => m.orderTrades?.orderId)).toEqual([c.orderId, b.orderId]);
  });
});

describe('OrderStateStream', () => {
  it('sends every state change of the account orders', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    const r = new StreamReader<OrderStateStreamResponse>(
      h.ordersStream.orderStateStream({ accounts: [acc] }, auth()),
    );
    readers.push(r as StreamReader<unknown>);
    await r.waitFor((m) => m.subscription !== undefined);
    const placed = (await postOrder(h, acc, { dir: 'buy', lots: 1, price: '269.60' })).res!;
    h.clock.advanceTo(T0 + MIN);
    const states = await r.waitFor((m) => m.orderState?.orderId === placed.orderId, 2);
    expect(states.map((m) => m.orderState?.executionReportStatus)).toEqual([
      S.EXECUTION_REPORT_STATUS_NEW,
      S.EXECUTION_REPORT_STATUS_FILL,
    ]);
    expect(states[1].orderState?.lotsExecuted).toBe(1);
    expect(states[1].orderState?.lotSize).toBe(10);
  });
});
