/**
 * The market-data stream's documented limits and their codes, through plain generated stubs: the
 * subscription cap (info not counted), 100 subscription requests a minute, the per-token stream
 * count (80001), the token check (40003), the empty-stream close (80004), the maximum lifetime
 * (80005), server pings at the configured interval and ping_settings.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/emulator/index.ts';
import { resolveStreamOptions } from '../../src/emulator/streams/stream-options.ts';
import {
  SubscriptionAction as A,
  SubscriptionInterval as I,
  SubscriptionStatus as S,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { EmulatorOptions } from '../../src/emulator/index.ts';
import { harness, SBER, type Harness } from './helpers.ts';
import { openStream, type TestStream } from './stream-helpers.ts';

const WED = Date.UTC(2024, 9, 2, 12);
const SUB = A.SUBSCRIPTION_ACTION_SUBSCRIBE;
const open: { h?: Harness; streams: TestStream[] } = { streams: [] };

async function start(options: EmulatorOptions = {}): Promise<Harness> {
  open.h = await harness({ clock: new ReplayClock(WED), ...options });
  return open.h;
}
function stream(h: Harness, token?: string): TestStream {
  const s = openStream(h.emu.grpcAddress, token);
  open.streams.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.streams) s.close();
  open.streams = [];
  await open.h?.close();
  open.h = undefined;
});

const info = (s: TestStream) =>
  s.send({
    subscribeInfoRequest: { subscriptionAction: SUB, instruments: [{ instrumentId: SBER.uid }] },
  });

describe('market-data stream limits', () => {
  it('uses the documented defaults', () => {
    expect(resolveStreamOptions()).toMatchObject({
      pingDelayMs: 120_000,
      idleCloseMs: 120_000,
      maxSubscriptions: 300,
      subscriptionRequestsPerMinute: 100,
      marketDataStreamsPerToken: 16,
      maxLifetimeMs: undefined,
    });
  });

  it('caps candles, books and trades together; info is not counted', async () => {
    const h = await start({ streams: { maxSubscriptions: 3 } });
    const s = stream(h);
    const iv = [I.SUBSCRIPTION_INTERVAL_ONE_MINUTE, I.SUBSCRIPTION_INTERVAL_FIVE_MINUTES];
    s.send({
      subscribeCandlesRequest: {
        subscriptionAction: SUB,
        waitingClose: true,
        instruments: iv.map((interval) => ({ instrumentId: SBER.uid, interval })),
      },
    });
    s.send({
      subscribeOrderBookRequest: {
        subscriptionAction: SUB,
        instruments: [1, 10].map((depth) => ({ instrumentId: SBER.uid, depth })),
      },
    });
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: SUB,
        instruments: [{ instrumentId: SBER.uid }],
      },
    });
    info(s);
    const got = await s.sync();
    const books = got.find((m) => m.subscribeOrderBookResponse)!.subscribeOrderBookResponse!;
    expect(books.orderBookSubscriptions.map((x) => x.subscriptionStatus)).toEqual([
      S.SUBSCRIPTION_STATUS_SUCCESS,
      S.SUBSCRIPTION_STATUS_LIMIT_IS_EXCEEDED,
    ]);
    const trades = got.find((m) => m.subscribeTradesResponse)!.subscribeTradesResponse!;
    expect(trades.tradeSubscriptions[0].subscriptionStatus).toBe(
      S.SUBSCRIPTION_STATUS_LIMIT_IS_EXCEEDED,
    );
    const inf = got.find((m) => m.subscribeInfoResponse)!.subscribeInfoResponse!;
    expect(inf.infoSubscriptions[0].subscriptionStatus).toBe(S.SUBSCRIPTION_STATUS_SUCCESS);
  });

  it('answers TOO_MANY_REQUESTS to every item beyond 100 requests a minute, until the window resets', async () => {
    const h = await start({ limits: { windowMs: 1500 } });
    const s = stream(h);
    for (let i = 0; i < 100; i++) info(s);
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: SUB,
        instruments: [{ instrumentId: SBER.uid }, { instrumentId: 'GAZP_TQBR' }],
      },
    });
    const got = await s.sync();
    const ok = got.filter((m) => m.subscribeInfoResponse);
    expect(ok).toHaveLength(100);
    expect(
      ok.every(
        (m) =>
          m.subscribeInfoResponse!.infoSubscriptions[0].subscriptionStatus ===
          S.SUBSCRIPTION_STATUS_SUCCESS,
      ),
    ).toBe(true);
    const denied = got.find((m) => m.subscribeTradesResponse)!.subscribeTradesResponse!;
    expect(denied.tradeSubscriptions.map((x) => x.subscriptionStatus)).toEqual([
      S.SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS,
      S.SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS,
    ]);
    s.send({ getMySubscriptions: {} });
    const mine = await s.sync();
    expect(
      mine.find((m) => m.subscribeTradesResponse)!.subscribeTradesResponse!.tradeSubscriptions,
    ).toEqual([]);
    await new Promise((r) => setTimeout(r, 1600));
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: SUB,
        instruments: [{ instrumentId: SBER.uid }],
      },
    });
    const after = await s.sync();
    expect(after[0].subscribeTradesResponse!.tradeSubscriptions[0].subscriptionStatus).toBe(
      S.SUBSCRIPTION_STATUS_SUCCESS,
    );
  });

  it('refuses a 17th stream of one token with 80001, and a bad token with 40003', async () => {
    const h = await start({ tokens: ['test-token', 'other'] });
    const first = Array.from({ length: 16 }, () => stream(h));
    for (const s of first) {
      info(s);
      await s.sync();
    }
    expect(h.emu.openStreams()).toEqual({ MarketDataStream: 16 });
    const extra = stream(h);
    const err = await extra.closed();
    expect([err?.code, err?.details, err?.metadata.get('message')[0]]).toEqual([
      status.RESOURCE_EXHAUSTED,
      '80001',
      'Concurrent stream limit exceeded',
    ]);
    const another = stream(h, 'other');
    info(another);
    await another.sync();
    const bad = await stream(h, 'wrong').closed();
    expect([bad?.code, bad?.details]).toEqual([status.UNAUTHENTICATED, '40003']);
  });

  it('closes a stream without subscriptions with 80004', async () => {
    const h = await start({ streams: { idleCloseMs: 150 } });
    const busy = stream(h);
    info(busy);
    await busy.sync();
    const idle = stream(h);
    const err = await idle.closed();
    expect([err?.code, err?.details, err?.metadata.get('message')[0]]).toEqual([
      status.RESOURCE_EXHAUSTED,
      '80004',
      'The stream has no active subscriptions',
    ]);
    expect(busy.ended).toBe(false);
  });

  it('closes a stream at its maximum lifetime with 80005', async () => {
    const h = await start({ streams: { maxLifetimeMs: 200 } });
    const s = stream(h);
    info(s);
    await s.sync();
    const err = await s.closed();
    expect([err?.code, err?.details]).toEqual([status.RESOURCE_EXHAUSTED, '80005']);
  });

  it('pings at the configured interval and follows ping_settings within its bounds', async () => {
    const h = await start({
      streams: { pingDelayMs: 60, minPingDelayMs: 200, maxPingDelayMs: 400 },
    });
    const s = stream(h);
    info(s);
    const first = await s.next((m) => m.ping !== undefined && !m.ping.pingRequestTime, 2000);
    expect(first.ping!.streamId).toMatch(/^[0-9a-f-]{36}$/);
    s.send({ pingSettings: { pingDelayMs: 1 } });
    await s.sync();
    const before = s.messages.length;
    await new Promise((r) => setTimeout(r, 500));
    const pings = s.messages.slice(before).filter((m) => m.ping && !m.ping.pingRequestTime);
    // Clamped to 200 ms: two or three pings in half a second, not hundreds.
    expect(pings.length).toBeGreaterThanOrEqual(1);
    expect(pings.length).toBeLessThanOrEqual(3);
  });
});
