/**
 * The lost acknowledgement: the venue takes the order and the answer never comes back (the
 * connection is cut, or 70002 after placement). Retried with the same key, exactly one order exists
 * at the venue, under both answers the venue may give to a repeat (the original order, or 30057),
 * whether the client's own retry or the broker's repeats the call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../src/engine/ports/broker.ts';
import { brokerRig, type BrokerRig, type RigOptions } from './broker-rig.ts';

let rig: BrokerRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Repeat = 'original' | 'duplicate';

const postCalls = (r: BrokerRig) =>
  Object.entries(r.emu.stats.callsByMethod)
    .filter(([name]) => name.includes('PostSandboxOrder'))
    .reduce((n, [, c]) => n + c, 0);

async function lostAck(repeatAnswer: Repeat, fault: 'lost' | '70002', clientRetries?: number) {
  const opts: RigOptions = {
    host: 'sandbox',
    emulator: {
      trading: { repeatAnswer },
      faults: fault === 'lost' ? { lostAckOnOrders: [1] } : { internalErrorOnOrders: [1] },
    },
    broker: { sweepIntervalMs: 0 },
  };
  if (clientRetries !== undefined) opts.client = { retry: { maxRetries: clientRetries } };
  rig = await brokerRig(opts);
  const r = rig;
  const resting: OrderRequest = {
    instrumentUid: r.instrument.uid,
    side: 'buy',
    lots: 4,
    type: 'limit',
    limitPrice: 90,
  };
  const ack = r.broker.submit(resting);
  await r.untilAgrees();
  // Exactly one order at the venue, under the broker's key, and the broker tracks it as open.
  expect([...(await r.venueOpen())]).toEqual([[ack.orderId, 4]]);
  expect(r.broker.openOrders().map((o) => o.orderId)).toEqual([ack.orderId]);
  // The order went out more than once (the venue saw the repeat), yet exists once.
  expect(postCalls(r)).toBeGreaterThanOrEqual(2);
  // It still fills once, when the market comes down to it.
  await r.step({ open: 100, high: 100, low: 89.5, close: 95 });
  const mine = r.updates.filter((u) => u.orderId === ack.orderId).map((u) => u.status);
  expect(mine).toEqual(['accepted', 'filled']);
  return r;
}

describe('a lost acknowledgement never yields a second order', () => {
  for (const repeat of ['original', 'duplicate'] as const) {
    it(`connection cut after placement, repeat answered ${repeat}, the client retrying`, async () => {
      const r = await lostAck(repeat, 'lost');
      if (repeat === 'duplicate') {
        const resolved = r.events.filter((e) => e.kind === 'order-duplicate-resolved');
        expect(resolved.map((e) => e.via)).toEqual(['30057']);
      }
    });

    it(`connection cut after placement, repeat answered ${repeat}, the broker retrying`, async () => {
      const r = await lostAck(repeat, 'lost', 0);
      expect(r.events.filter((e) => e.kind === 'order-retry')).toHaveLength(1);
      const via = r.events.filter((e) => e.kind === 'order-duplicate-resolved').map((e) => e.via);
      expect(via).toEqual([repeat === 'duplicate' ? '30057' : 'answer-after-retry']);
    });

    it(`70002 after placement, repeat answered ${repeat}`, async () => {
      await lostAck(repeat, '70002', 0);
    });
  }

  it('keeps the same key on a market order: one execution, one position', async () => {
    rig = await brokerRig({
      host: 'sandbox',
      emulator: { trading: { repeatAnswer: 'duplicate' }, faults: { lostAckOnOrders: [1] } },
      broker: { sweepIntervalMs: 0 },
    });
    const r = rig;
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 3,
      type: 'market',
    });
    await r.untilAgrees();
    const fills = r.updates.filter((u) => u.orderId === ack.orderId && u.status === 'filled');
    expect(fills).toHaveLength(1);
    const positions = await r.client.raw.call(
      (await import('../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts'))
        .SandboxServiceService.getSandboxPositions,
      { accountId: r.accountId },
    );
    const sber = positions.securities.find((s) => s.instrumentUid === r.instrument.uid);
    // 3 lots of 10: 30 pieces, bought once.
    expect((sber?.balance ?? 0) + (sber?.blocked ?? 0)).toBe(30);
  });
});
