/**
 * @module Market-data stream fan-out on loopback: closed 1-minute candles per second delivered to
 * 1, 10 and 100 subscriptions (one stream each, round-robin over the synthetic instruments, all
 * waiting_close). Each repetition starts an emulator on a stepped ReplayClock, subscribes, steps a
 * whole trading day, and times until every client has decoded every candle of the day. The baseline
 * in the same run is the in-process cost of building the same candles (CandleQuery, no gRPC), so
 * `ratioToInProcess` shows what the wire and the fan-out cost. Rates are medians of 3 repetitions.
 */
import { credentials, Metadata } from '@grpc/grpc-js';
import { CandleQuery } from '../src/emulator/market/candle-query.ts';
import { ReplayClock, startEmulator, SyntheticMarket } from '../src/emulator/index.ts';
import {
  MarketDataRequest,
  MarketDataStreamServiceClient,
  SubscriptionAction,
  SubscriptionInterval,
  type MarketDataResponse,
} from '../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { BenchResult } from './types.ts';

const REPS = 3;
const DAY0 = Date.UTC(2024, 9, 2);
const FROM = DAY0 + 6 * 3_600_000;
const TO = DAY0 + 21 * 3_600_000;
const MINUTE = 60_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(subscriptions: number): Promise<{ candles: number; seconds: number }> {
  const clock = new ReplayClock(FROM);
  const emu = await startEmulator({
    clock,
    limits: { enabled: false },
    streams: { marketDataStreamsPerToken: subscriptions + 1 },
  });
  const uids = emu.instruments.map((i) => i.uid);
  const md = new Metadata();
  md.set('authorization', 'Bearer bench');
  const clients: MarketDataStreamServiceClient[] = [];
  const counts = new Array<number>(subscriptions).fill(0);
  let total = 0;
  let wake = () => undefined as void;
  const ready: Promise<void>[] = [];
  const calls = Array.from({ length: subscriptions }, (_, k) => {
    const client = new MarketDataStreamServiceClient(emu.grpcAddress, credentials.createInsecure());
    clients.push(client);
    const call = client.marketDataStream(md);
    ready.push(new Promise((resolve) => call.once('data', () => resolve())));
    call.on('data', (m: MarketDataResponse) => {
      if (m.candle) {
        counts[k]++;
        total++;
        wake();
      }
    });
    call.on('error', () => undefined);
    call.write(
      MarketDataRequest.fromPartial({
        subscribeCandlesRequest: {
          subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          waitingClose: true,
          instruments: [
            {
              instrumentId: uids[k % uids.length],
              interval: SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE,
            },
          ],
        },
      }),
    );
    return call;
  });
  await Promise.all(ready);
  const query = new CandleQuery(new SyntheticMarket(1));
  const expected = Array.from(
    { length: subscriptions },
    (_, k) => query.candles(uids[k % uids.length], '1m', FROM, TO, TO).length,
  ).reduce((a, b) => a + b, 0);
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    wake = () => {
      if (total >= expected) resolve();
    };
  });
  for (let t = FROM; t < TO; t += 10 * MINUTE) {
    clock.advanceTo(Math.min(TO, t + 10 * MINUTE));
    await new Promise((r) => setImmediate(r));
  }
  await done;
  const seconds = (performance.now() - t0) / 1000;
  for (const c of calls) c.cancel();
  for (const c of clients) c.close();
  await emu.stop();
  return { candles: total, seconds };
}

/** The in-process baseline: the same closed candles built one minute at a time, no gRPC. */
function inProcess(subscriptions: number): number {
  const market = new SyntheticMarket(1);
  const uids = market.instruments().map((i) => i.uid);
  const query = new CandleQuery(market);
  let n = 0;
  const t0 = performance.now();
  for (let t = FROM + MINUTE; t <= TO; t += MINUTE) {
    for (let k = 0; k < subscriptions; k++)
      n += query.candles(uids[k % uids.length], '1m', t - MINUTE, t, t).length;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** One row per subscription count. */
export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const subscriptions of [1, 10, 100]) {
    const rates: number[] = [];
    const base: number[] = [];
    let candles = 0;
    for (let r = 0; r < REPS; r++) {
      const m = await once(subscriptions);
      candles = m.candles;
      rates.push(m.candles / m.seconds);
      base.push(inProcess(subscriptions));
    }
    const rate = median(rates);
    out.push({
      name: `stream fan-out ${subscriptions} sub (loopback)`,
      candlesPerSecond: rate,
      ratioToInProcess: rate / median(base),
      inProcessPerSecond: median(base),
      candlesPerRun: candles,
    });
  }
  return out;
}
