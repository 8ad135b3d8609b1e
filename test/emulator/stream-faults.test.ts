/**
 * Stream faults do what they say, set at start or switched at run time: drop after N messages
 * (UNAVAILABLE), stall after N messages (no data, no pings, no close), reset after a time or on
 * demand (UNAVAILABLE), and a stall of every open stream at once.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayClock, type EmulatorOptions } from '../../src/emulator/index.ts';
import { SubscriptionAction as A } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { harness, SBER, type Harness } from './helpers.ts';
import { openStream, type TestStream } from './stream-helpers.ts';

const WED = Date.UTC(2024, 9, 2, 12);
const clock = () => new ReplayClock(WED);
const open: { h?: Harness; streams: TestStream[] } = { streams: [] };
async function start(options: EmulatorOptions = {}): Promise<Harness> {
  open.h = await harness({ clock: clock(), ...options });
  return open.h;
}
function stream(h: Harness): TestStream {
  const s = openStream(h.emu.grpcAddress);
  open.streams.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.streams) s.close();
  open.streams = [];
  await open.h?.close();
});
const trades = (s: TestStream) =>
  s.send({
    subscribeTradesRequest: {
      subscriptionAction: A.SUBSCRIPTION_ACTION_SUBSCRIBE,
      instruments: [{ instrumentId: SBER.uid }],
    },
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stream faults', () => {
  it('drops a stream with UNAVAILABLE after N messages (set at start)', async () => {
    const h = await start({ faults: { dropStreamAfter: 4 } });
    const s = stream(h);
    trades(s);
    await s.next((m) => m.subscribeTradesResponse !== undefined);
    (h.emu.clock as ReplayClock).advanceBy(30_000);
    const err = await s.closed();
    expect(err?.code).toBe(status.UNAVAILABLE);
    expect(s.messages).toHaveLength(4);
    expect(h.emu.openStreams()).toEqual({});
  });

  it('drops after N messages when switched on at run time, counting from the stream start', async () => {
    const h = await start();
    const s = stream(h);
    trades(s);
    await s.sync();
    expect(s.messages).toHaveLength(2);
    h.emu.faults.dropStreamAfter = 3;
    (h.emu.clock as ReplayClock).advanceBy(30_000);
    expect((await s.closed())?.code).toBe(status.UNAVAILABLE);
    expect(s.messages).toHaveLength(3);
  });

  it('stalls after N messages: no data, no pings and no close, even past idle and lifetime limits', async () => {
    const h = await start({
      faults: { stallStreamAfter: 1 },
      streams: { pingDelayMs: 20, idleCloseMs: 50, maxLifetimeMs: 80 },
    });
    const s = stream(h);
    trades(s);
    await s.next((m) => m.subscribeTradesResponse !== undefined);
    (h.emu.clock as ReplayClock).advanceBy(30_000);
    s.send({ ping: { time: { seconds: 1, nanos: 0 } } });
    await pause(300);
    expect(s.messages).toHaveLength(1);
    expect(s.ended).toBe(false);
    expect(h.emu.openStreams()).toEqual({ MarketDataStream: 1 });
  });

  it('resets a stream with UNAVAILABLE a set time after it opens', async () => {
    const h = await start({ faults: { resetStreamAfterMs: 100 } });
    const s = stream(h);
    trades(s);
    await s.sync();
    const t0 = performance.now();
    const err = await s.closed();
    expect(err?.code).toBe(status.UNAVAILABLE);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('resets or stalls every open stream on demand', async () => {
    const h = await start({ streams: { pingDelayMs: 30 } });
    const a = stream(h);
    const b = stream(h);
    for (const s of [a, b]) {
      trades(s);
      await s.sync();
    }
    expect(h.emu.stallStreams()).toBe(2);
    const n = a.messages.length;
    await pause(150);
    expect(a.messages).toHaveLength(n);
    expect(h.emu.resetStreams()).toBe(2);
    for (const s of [a, b]) expect((await s.closed())?.code).toBe(status.UNAVAILABLE);
  });
});
