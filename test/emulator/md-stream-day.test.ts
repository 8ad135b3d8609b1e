/**
 * A replayed trading day on the stream: candles with waiting_close equal GetCandles over the same
 * day, candle for candle, each once and in order, for several intervals; in-progress candles end
 * on the same values; and the same holds on a replay clock paced at --speed 6000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  streamCandleToCore,
  historicCandleToCore,
  toCandleInterval,
  toSubscriptionInterval,
  timestampToMs,
} from '../../src/wire/convert/index.ts';
import { ReplayClock } from '../../src/emulator/index.ts';
import type { Candle } from '../../src/core/candle.ts';
import type { Interval } from '../../src/core/interval.ts';
import {
  SubscriptionAction,
  type GetCandlesResponse,
  type MarketDataResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, SBER, ts, type Harness } from './helpers.ts';
import { openStream, type TestStream } from './stream-helpers.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const WED = Date.UTC(2024, 9, 2);
const GAZP = '962e2a95-02a9-4171-abd7-aa198dbe643a';

async function getCandles(
  h: Harness,
  uid: string,
  interval: Interval,
  from: number,
  to: number,
): Promise<Candle[]> {
  const r = await call<object, GetCandlesResponse>(h.md, 'getCandles', {
    instrumentId: uid,
    from: ts(from),
    to: ts(to),
    interval: toCandleInterval(interval),
  });
  if (r.err) throw r.err;
  return r.res!.candles.map(historicCandleToCore);
}

function subscribe(s: TestStream, uid: string, interval: Interval, waitingClose: boolean): void {
  s.send({
    subscribeCandlesRequest: {
      subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
      waitingClose,
      instruments: [{ instrumentId: uid, interval: toSubscriptionInterval(interval) }],
    },
  });
}

const candlesOf = (ms: MarketDataResponse[], uid: string, interval: Interval) =>
  ms
    .filter(
      (m) =>
        m.candle?.instrumentUid === uid && m.candle.interval === toSubscriptionInterval(interval),
    )
    .map((m) => streamCandleToCore(m.candle!));

describe('a stepped trading day', () => {
  const clock = new ReplayClock(WED + 6 * HOUR);
  let h: Harness;
  let s: TestStream;
  const got: MarketDataResponse[] = [];
  beforeAll(async () => {
    h = await harness({ clock });
    s = openStream(h.emu.grpcAddress);
    subscribe(s, SBER.uid, '1m', true);
    subscribe(s, SBER.uid, '5m', true);
    subscribe(s, GAZP, '1h', true);
    subscribe(s, SBER.uid, '15m', false);
    await s.sync();
    // Uneven steps, so pieces end inside minutes as well as on their boundaries.
    while (clock.now() < WED + 24 * HOUR) {
      clock.advanceBy(7 * MINUTE + 13_000);
      got.push(...(await s.sync()));
    }
  }, 60_000);
  afterAll(async () => {
    s.close();
    await h.close();
  });

  it('delivers every closed candle once, in order, equal to GetCandles', async () => {
    for (const [uid, interval] of [
      [SBER.uid, '1m'],
      [SBER.uid, '5m'],
      [GAZP, '1h'],
    ] as const) {
      const want = await getCandles(h, uid, interval, WED, WED + 24 * HOUR);
      expect(want.length).toBeGreaterThan(interval === '1m' ? 700 : 10);
      expect(candlesOf(got, uid, interval)).toEqual(want);
    }
  });

  it('sends closed candles right at their close on the venue clock', () => {
    const closes = got.filter((m) => m.candle?.interval === toSubscriptionInterval('1m'));
    for (const m of closes) {
      const open = timestampToMs(m.candle!.time)!;
      const last = timestampToMs(m.candle!.lastTradeTs)!;
      expect(last).toBeGreaterThanOrEqual(open);
      expect(last).toBeLessThan(open + MINUTE);
    }
  });

  it('sends in-progress updates without waiting_close, ending on the complete candle', async () => {
    const updates = candlesOf(got, SBER.uid, '15m');
    const want = await getCandles(h, SBER.uid, '15m', WED, WED + 24 * HOUR);
    expect(updates.length).toBeGreaterThan(want.length * 2);
    const finals = new Map<number, Candle>();
    let prev: Candle | undefined;
    for (const c of updates) {
      if (prev && prev.time === c.time) expect(c.volume).toBeGreaterThanOrEqual(prev.volume);
      else if (prev) expect(c.time).toBeGreaterThan(prev.time);
      finals.set(c.time, c);
      prev = c;
    }
    expect([...finals.values()]).toEqual(want);
  });
});

describe('a paced replay at --speed 6000', () => {
  it('streams the closed minutes of the session in order, equal to GetCandles', async () => {
    const start = WED + 15 * HOUR;
    const h = await harness({ replay: { from: start, speed: 6000 } });
    const s = openStream(h.emu.grpcAddress);
    try {
      subscribe(s, SBER.uid, '1m', true);
      const last = await s.next(
        (m) => timestampToMs(m.candle?.time) === WED + 15 * HOUR + 39 * MINUTE,
        10_000,
      );
      expect(last.candle).toBeDefined();
      const streamed = candlesOf(s.messages, SBER.uid, '1m');
      const first = streamed[0].time;
      expect(first).toBeLessThan(WED + 15 * HOUR + 20 * MINUTE);
      const want = await getCandles(h, SBER.uid, '1m', first, WED + 15 * HOUR + 40 * MINUTE);
      expect(streamed).toEqual(want);
    } finally {
      s.close();
      await h.close();
    }
  });
});
