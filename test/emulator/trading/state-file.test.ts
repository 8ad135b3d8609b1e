/**
 * A venue restarted on the same state file returns the same accounts, orders, positions and
 * operations, and keeps honouring idempotency keys placed before the restart; stop orders come back
 * too, a trailing take-profit with the extremum it had followed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  OperationsResponse,
  PositionsResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import type { GetOrdersResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  AccountStatus,
  type GetAccountsResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { quotationToString } from '../../../src/wire/convert/index.ts';
import {
  GetStopOrdersRequest,
  StopOrderStatusOption,
  StopOrderType,
  TrailingValueType,
  type GetStopOrdersResponse,
  type PostStopOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { newKey, orderState, postOrder, prodAccount, sandboxAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { stopRequest, type StopSpec } from './stop-helpers.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tape = () =>
  new ScriptedTape()
    .trade(SBER.uid, T0 - 30_000, 270.15)
    .book(SBER.uid, T0 - 60_000, [[270.1, 5]], [[270.2, 5]]);

async function snapshot(v: VenueHarness, prod: string, sbx: string) {
  const accounts = await v.ok<object, GetAccountsResponse>(v.sandbox, 'getSandboxAccounts', {
    status: AccountStatus.ACCOUNT_STATUS_ALL,
  });
  return {
    prodAccounts: await v.ok<object, GetAccountsResponse>(v.users, 'getAccounts', {}),
    sandboxAccounts: accounts,
    orders: await v.ok<object, GetOrdersResponse>(v.orders, 'getOrders', { accountId: prod }),
    prodPositions: await v.ok<object, PositionsResponse>(v.ops, 'getPositions', {
      accountId: prod,
    }),
    sbxPositions: await v.ok<object, PositionsResponse>(v.sandbox, 'getSandboxPositions', {
      accountId: sbx,
    }),
    prodOps: await v.ok<object, OperationsResponse>(v.ops, 'getOperations', { accountId: prod }),
    sbxOps: await v.ok<object, OperationsResponse>(v.sandbox, 'getSandboxOperations', {
      accountId: sbx,
    }),
  };
}

describe('--state', () => {
  it('restores accounts, orders, positions and operations after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tlab-state-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'venue.sqlite');
    h = await venueHarness({ trading: { stateFile } }, tape());
    const prod = await prodAccount(h);
    const sbx = await sandboxAccount(h, '50000.5');
    const key = newKey();
    const filled = (await postOrder(h, prod, { dir: 'buy', lots: 2 })).res!;
    const resting = (await postOrder(h, prod, { dir: 'buy', lots: 1, price: '265.00', key })).res!;
    await postOrder(h, sbx, { dir: 'buy', lots: 3 }, { sandbox: true });
    await h
      .ok(h.sandbox, 'openSandboxAccount', { name: 'closed one' })
      .then((r) => h!.ok(h!.sandbox, 'closeSandboxAccount', r));
    const before = await snapshot(h, prod, sbx);
    const filledBefore = await orderState(h, prod, filled.orderId);
    await h.close();

    h = await venueHarness({ trading: { stateFile } }, tape());
    expect(await snapshot(h, prod, sbx)).toEqual(before);
    expect(await orderState(h, prod, filled.orderId)).toEqual(filledBefore);
    expect(before.sandboxAccounts.accounts).toHaveLength(2);
    expect(before.orders.orders.map((o) => o.orderId)).toEqual([resting.orderId]);
    expect(before.sbxPositions.securities[0].balance).toBe(30);
    // A key used before the restart still names the same order, and new ids do not collide.
    const repeat = (await postOrder(h, prod, { dir: 'buy', lots: 1, price: '265.00', key })).res!;
    expect(repeat.orderId).toBe(resting.orderId);
    const next = (await postOrder(h, prod, { dir: 'buy', lots: 1, price: '264.00' })).res!;
    expect([filled.orderId, resting.orderId]).not.toContain(next.orderId);
  });
});

describe('--state and stop orders', () => {
  it('brings back stop orders, and a trailing take-profit goes on from its remembered extremum', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tlab-state-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'venue.sqlite');
    const trailTape = () =>
      tape()
        .trade(SBER.uid, T0 + 10_000, 271.2) // activates the trailing stop (stop price 271.00)
        .trade(SBER.uid, T0 + 20_000, 273.0) // extremum 273.00: it triggers at 272.00
        .trade(SBER.uid, T0 + 40_000, 272.0); // after the restart: 273.00 - 1.00, triggers
    h = await venueHarness({ trading: { stateFile } }, trailTape());
    const acc = await prodAccount(h);
    await postOrder(h, acc, { dir: 'buy', lots: 2 });
    const post = (spec: StopSpec) =>
      h!.ok<object, PostStopOrderResponse>(h!.stops, 'postStopOrder', stopRequest(acc, spec));
    const loss = await post({
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
      stop: '250',
    });
    const trail = await post({
      dir: 'sell',
      type: StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT,
      stop: '271',
      trailing: { indent: ['1', TrailingValueType.TRAILING_VALUE_ABSOLUTE] },
    });
    h.clock.advanceTo(T0 + 30_000);
    const list = async (v: VenueHarness) =>
      (
        await v.ok<object, GetStopOrdersResponse>(
          v.stops,
          'getStopOrders',
          GetStopOrdersRequest.fromPartial({
            accountId: acc,
            status: StopOrderStatusOption.STOP_ORDER_STATUS_ALL,
          }),
        )
      ).stopOrders;
    const before = await list(h);
    expect(quotationToString(before[1].trailingData?.extr)).toBe('273');
    await h.close();

    h = await venueHarness({ trading: { stateFile } }, trailTape(), T0 + 30_000);
    expect(await list(h)).toEqual(before);
    h.clock.advanceTo(T0 + MIN);
    const after = await list(h);
    const byId = (id: string) => after.find((s) => s.stopOrderId === id)!;
    expect(byId(trail.stopOrderId).status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED);
    expect(byId(trail.stopOrderId).activationDateTime?.seconds).toBe((T0 + 40_000) / 1000);
    expect(byId(loss.stopOrderId).status).toBe(StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE);
  });
});
