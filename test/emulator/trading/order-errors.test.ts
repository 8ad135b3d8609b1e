/**
 * Business errors as the real API sends them: gRPC status, the numeric code in the details and the
 * text in the `message` trailer, for every rule the venue enforces.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { stringToQuotation } from '../../../src/wire/convert/index.ts';
import {
  CancelOrderRequest,
  GetOrderStateRequest,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { CancelStopOrderRequest } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { failure, postOrder, prodAccount, sandboxAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

const INVALID = status.INVALID_ARGUMENT;
const GAZP = '962e2a95-02a9-4171-abd7-aa198dbe643a';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tape = () => new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15);

describe('order rejections on the production-like venue', () => {
  it('refuses orders on weekends (30092) and outside the sessions (30098)', async () => {
    h = await venueHarness({}, tape(), Date.UTC(2024, 9, 5, 10));
    const acc = await prodAccount(h);
    expect(failure(await postOrder(h, acc, { dir: 'buy', lots: 1 }))).toEqual([
      INVALID,
      '30092',
      'Trading unavailable on weekends',
    ]);
    await h.close();
    h = await venueHarness({}, tape(), Date.UTC(2024, 9, 2, 3));
    const [code, api] = failure(await postOrder(h, await prodAccount(h), { dir: 'buy', lots: 1 }));
    expect([code, api]).toEqual([INVALID, '30098']);
  });

  it('checks quantity, tick, price band and maximum amount', async () => {
    h = await venueHarness({ trading: { maxOrderValue: '50000' } }, tape());
    const acc = await prodAccount(h);
    const cases: [Parameters<typeof postOrder>[2], string][] = [
      [{ dir: 'buy', lots: 0 }, '30015'],
      [{ dir: 'buy', lots: -1 }, '30080'],
      [{ dir: 'buy', lots: 1, price: '270.155' }, '30078'],
      [{ dir: 'buy', lots: 1, price: '0' }, '30100'],
      // 20% around 270.15: 216.12 .. 324.18.
      [{ dir: 'buy', lots: 1, price: '324.19' }, '30099'],
      [{ dir: 'sell', lots: 1, price: '216.11' }, '30099'],
      // 19 lots x 10 x 270.15 = 51328.50 > 50000.
      [{ dir: 'buy', lots: 19 }, '30109'],
    ];
    for (const [spec, want] of cases) {
      const [code, api, text] = failure(await postOrder(h, acc, spec));
      expect([code, api], JSON.stringify(spec)).toEqual([INVALID, want]);
      expect(text.length).toBeGreaterThan(5);
    }
    expect((await postOrder(h, acc, { dir: 'buy', lots: 1, price: '324.18' })).err).toBeUndefined();
    expect((await postOrder(h, acc, { dir: 'buy', lots: 18 })).err).toBeUndefined();
  });

  it('refuses buys beyond the money (30042), untradable instruments (30079), and bad keys', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    // 400 lots x 10 x 270.15 = 1 080 600 > 1 000 000.
    expect(failure(await postOrder(h, acc, { dir: 'buy', lots: 400 })).slice(0, 2)).toEqual([
      INVALID,
      '30042',
    ]);
    expect(
      failure(await postOrder(h, acc, { dir: 'buy', lots: 1, instrumentId: GAZP })).slice(0, 2),
    ).toEqual([INVALID, '30079']);
    expect(failure(await postOrder(h, acc, { dir: 'buy', lots: 1, key: ' ' })).slice(0, 2)).toEqual(
      [INVALID, '30027'],
    );
    expect(
      failure(await postOrder(h, acc, { dir: 'buy', lots: 1, key: 'x'.repeat(37) })).slice(0, 2),
    ).toEqual([INVALID, '30055']);
    expect(
      failure(await postOrder(h, acc, { dir: 'buy', lots: 1, instrumentId: 'NOPE' })).slice(0, 2),
    ).toEqual([status.NOT_FOUND, '50002']);
  });

  it('answers 40002 to read-only tokens and 50004/50005/50006 for unknown ids', async () => {
    h = await venueHarness(
      { tokens: ['test-token', 'ro'], trading: { readOnlyTokens: ['ro'] } },
      tape(),
    );
    const acc = await prodAccount(h);
    expect(failure(await postOrder(h, acc, { dir: 'buy', lots: 1 }, { token: 'ro' }))).toEqual([
      status.PERMISSION_DENIED,
      '40002',
      'Insufficient privileges',
    ]);
    expect(failure(await postOrder(h, '999', { dir: 'buy', lots: 1 })).slice(0, 2)).toEqual([
      status.NOT_FOUND,
      '50004',
    ]);
    const sbx = await sandboxAccount(h, '1000');
    // A sandbox account does not exist on the production host.
    expect(failure(await postOrder(h, sbx, { dir: 'buy', lots: 1 })).slice(0, 2)).toEqual([
      status.NOT_FOUND,
      '50004',
    ]);
    const st = await h.rpc(
      h.orders,
      'getOrderState',
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: '1' }),
    );
    expect(failure(st).slice(0, 2)).toEqual([status.NOT_FOUND, '50005']);
    const stop = await h.rpc(
      h.stops,
      'cancelStopOrder',
      CancelStopOrderRequest.fromPartial({ accountId: acc, stopOrderId: 'x' }),
    );
    expect(failure(stop).slice(0, 2)).toEqual([status.NOT_FOUND, '50006']);
  });

  it('refuses to cancel an order that is no longer active (30059)', async () => {
    h = await venueHarness({}, tape().book(SBER.uid, T0 - 1000, [[270.1, 5]], [[270.2, 5]]));
    const acc = await prodAccount(h);
    const r = (await postOrder(h, acc, { dir: 'buy', lots: 1 })).res!;
    const c = await h.rpc(
      h.orders,
      'cancelOrder',
      CancelOrderRequest.fromPartial({ accountId: acc, orderId: r.orderId }),
    );
    expect(failure(c).slice(0, 2)).toEqual([INVALID, '30059']);
  });

  it('refuses requests over the per-minute limit with RESOURCE_EXHAUSTED 80002', async () => {
    h = await venueHarness(
      { limits: { windowMs: 60_000, perMethod: { 'OrdersService/PostOrder': 2 } } },
      tape(),
    );
    const acc = await prodAccount(h);
    for (let i = 0; i < 2; i++)
      expect((await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260' })).err).toBeUndefined();
    const over = await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260' });
    expect(failure(over).slice(0, 2)).toEqual([status.RESOURCE_EXHAUSTED, '80002']);
    expect(over.err?.metadata.get('x-ratelimit-remaining')[0]).toBe('0');
  });
});

describe('sandbox rejections', () => {
  it('refuses buys beyond the leverage of 2 with 30034', async () => {
    h = await venueHarness({}, tape());
    const acc = await sandboxAccount(h, '2000');
    // 1 lot = 2701.50 + 1.35 > 2 x 2000 is false, 2 lots = 5403.00 + 2.70 > 4000 is true.
    expect(
      (await postOrder(h, acc, { dir: 'buy', lots: 1 }, { sandbox: true })).err,
    ).toBeUndefined();
    const r = await postOrder(h, acc, { dir: 'buy', lots: 2 }, { sandbox: true });
    expect(failure(r)).toEqual([INVALID, '30034', 'Not enough balance']);
  });

  it('limits open accounts (35001), refuses closed ones (30081) and pay-ins other than RUB', async () => {
    h = await venueHarness({ trading: { sandboxAccountLimit: 1 } }, tape());
    const acc = await sandboxAccount(h, '1000');
    expect(failure(await h.rpc(h.sandbox, 'openSandboxAccount', {})).slice(0, 2)).toEqual([
      INVALID,
      '35001',
    ]);
    const usd = await h.rpc(h.sandbox, 'sandboxPayIn', {
      accountId: acc,
      amount: { currency: 'usd', ...stringToQuotation('5') },
    });
    expect(usd.err?.code).toBe(INVALID);
    await h.ok(h.sandbox, 'closeSandboxAccount', { accountId: acc });
    expect(
      failure(await postOrder(h, acc, { dir: 'buy', lots: 1 }, { sandbox: true })).slice(0, 2),
    ).toEqual([INVALID, '30081']);
    expect((await h.rpc(h.sandbox, 'openSandboxAccount', {})).err).toBeUndefined();
  });
});
