/**
 * TradesStream going away: the broker says so, polls GetOrderState while it reconnects with
 * backoff, and once the stream is back asks once more for what the gap hid. No execution is lost
 * and none is delivered twice, whichever path brought it.
 */
import { describe, expect, it } from 'vitest';
import { expectWellFormed } from '../../contracts/broker.contract.ts';
import { rigPerTest, type BrokerRig } from './broker-rig.ts';

const newRig = rigPerTest();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const indexOf = (r: BrokerRig, pred: (e: BrokerRig['events'][number]) => boolean) =>
  r.events.findIndex(pred);

describe('TradesStream down', () => {
  it('polls while the stream is down, reconnects, and delivers every execution once', async () => {
    const r = await newRig({
      host: 'prod',
      broker: {
        sweepIntervalMs: 0,
        pollIntervalMs: 50,
        stream: { reconnectInitialMs: 1500, reconnectMaxMs: 1500 },
      },
    });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 5,
      type: 'limit',
      limitPrice: 99.9,
    });
    await r.untilAgrees();
    expect(r.emu.resetStreams()).toBe(1);
    await until('the broker to notice', () =>
      r.events.some((e) => e.kind === 'orders-stream-down'),
    );
    // Two lots execute while the stream is away: only a poll can bring them.
    await r.step({ open: 100, high: 100.1, low: 99.8, close: 100 }, 2);
    const partial = indexOf(r, (e) => e.kind === 'order-update' && e.status === 'partially-filled');
    const down = indexOf(r, (e) => e.kind === 'orders-stream-down');
    const polled = indexOf(r, (e) => e.kind === 'order-poll');
    expect(down).toBeGreaterThanOrEqual(0);
    expect(polled).toBeGreaterThan(down);
    expect(partial).toBeGreaterThan(polled);
    expect(r.events.some((e) => e.kind === 'stream-connected' && e.reconnect === true)).toBe(false);
    await until('the stream to come back', () =>
      r.events.some((e) => e.kind === 'stream-connected' && e.reconnect === true),
    );
    // The rest executes with the stream back.
    await r.step({ open: 100, high: 100.1, low: 99.7, close: 100 }, 3);
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expectWellFormed(mine, 5);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'partially-filled', 'filled']);
  });

  it('asks for what executed during the gap once the stream is back, even between polls', async () => {
    const r = await newRig({
      host: 'prod',
      emulator: { faults: { tradeEvents: { duplicate: true } } },
      broker: {
        sweepIntervalMs: 0,
        // Polls too rare to catch the gap: only the look-up after the reconnect can.
        pollIntervalMs: 60_000,
        stream: { reconnectInitialMs: 300, reconnectMaxMs: 300, orderStateStream: false },
      },
    });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'sell',
      lots: 4,
      type: 'limit',
      limitPrice: 100.5,
    });
    await r.untilAgrees();
    r.emu.resetStreams();
    await until('the broker to notice', () =>
      r.events.some((e) => e.kind === 'orders-stream-down'),
    );
    r.stepNoWait({ open: 100, high: 100.6, low: 100, close: 100.2 }, 3);
    await until('the stream to come back', () =>
      r.events.some((e) => e.kind === 'stream-connected' && e.reconnect === true),
    );
    await r.untilAgrees();
    r.stepNoWait({ open: 100.2, high: 100.5, low: 100, close: 100.2 }, 3);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expectWellFormed(mine, 4);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'partially-filled', 'filled']);
    expect(mine.slice(1).map((u) => ('lots' in u ? u.lots : 0))).toEqual([3, 1]);
    // The gap's fill came from the one look-up made when the stream was back.
    const polls = r.events.flatMap((e, k) => (e.kind === 'order-poll' ? [k] : []));
    const back = indexOf(r, (e) => e.kind === 'stream-connected' && e.reconnect === true);
    expect(polls).toHaveLength(1);
    expect(polls[0]).toBeGreaterThan(back);
  });

  it('notices a silent stream (no data, no pings) and replaces it', async () => {
    const r = await newRig({
      host: 'prod',
      broker: {
        sweepIntervalMs: 0,
        pollIntervalMs: 50,
        stream: { stallMs: 300, reconnectInitialMs: 50 },
      },
    });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 2,
      type: 'limit',
      limitPrice: 99.9,
    });
    await r.untilAgrees();
    expect(r.emu.stallStreams()).toBe(1);
    await r.step({ open: 100, high: 100, low: 99.85, close: 100 }, 1);
    await until('the stream to come back', () =>
      r.events.some((e) => e.kind === 'stream-connected' && e.reconnect === true),
    );
    const down = r.events.find((e) => e.kind === 'orders-stream-down');
    expect(String(down?.reason)).toMatch(/no data or ping for 300 ms/);
    await r.step({ open: 100, high: 100, low: 99.85, close: 100 }, 1);
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expectWellFormed(mine, 2);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'partially-filled', 'filled']);
  });
});
