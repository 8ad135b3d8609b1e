/**
 * @module Soak of the stream feed: a replayed trading week (Monday 06:00 to Friday 21:00 UTC) of
 * every synthetic instrument at 1 minute, read through GrpcStreamFeed from an emulator replaying
 * at 60000x (a venue minute per real millisecond), with every stream dropped after 300 messages
 * and, every 1.5 s of real time, the next stream stalled (silent: no data, no pings). It reports
 * candles lost, duplicated and differing against GetCandles over the week (all must be 0), the
 * drops, stalls and reconnects, the heap after a full GC at the start, at each fifth of the week and
 * at the end (emulator included, and the candles read are kept for the comparison), peak RSS, and
 * the candles per second delivered.
 */
import { candleAt, type Candle } from '../src/core/candle.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { createTinvestClient, GrpcStreamFeed, type LiveEvent } from '../src/live/index.ts';
import type { BenchResult } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MONDAY = Date.UTC(2024, 8, 30);
const RANGE = { from: MONDAY + 6 * HOUR, to: MONDAY + 4 * 24 * HOUR + 21 * HOUR };

const heapMB = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function lossAndDuplicates(got: Candle[], want: Candle[]) {
  const seen = new Map<number, number>();
  for (const c of got) seen.set(c.time, (seen.get(c.time) ?? 0) + 1);
  const byTime = new Map(want.map((c) => [c.time, c]));
  let differ = 0;
  for (const c of got) {
    const w = byTime.get(c.time);
    if (!w || JSON.stringify(w) !== JSON.stringify(c)) differ++;
  }
  return {
    lost: want.filter((c) => !seen.has(c.time)).length,
    duplicated: [...seen.values()].reduce((n, k) => n + k - 1, 0),
    differ,
  };
}

/** One row: the soak's counts and memory. */
export async function run(): Promise<BenchResult[]> {
  const heapStartMB = heapMB();
  const emu = await startEmulator({
    replay: { from: RANGE.from, speed: 60_000 },
    limits: { enabled: false },
    faults: { dropStreamAfter: 300 },
    streams: { minPingDelayMs: 10 },
  });
  const client = createTinvestClient({
    endpoint: emu.grpcAddress,
    token: 'soak',
    rateLimit: { enabled: false },
  });
  const events: LiveEvent[] = [];
  const feed = new GrpcStreamFeed({
    client,
    pingDelayMs: 50,
    deadAfterMs: 300,
    reconnectInitialDelayMs: 10,
    reconnectMaxDelayMs: 100,
    onEvent: (e) => {
      events.push(e);
      if (e.kind === 'stream-dead' && e.reason === 'dead') emu.faults.stallStreamAfter = undefined;
    },
  });
  // Every 1.5 s the next stream goes silent after 150 messages, until the feed notices.
  const stalls = setInterval(() => (emu.faults.stallStreamAfter = 150), 1500);
  // Heap after a full GC each time the venue passes another fifth of the week: flat or growing.
  const heapSamplesMB: number[] = [];
  const sampler = setInterval(() => {
    const done = (emu.clock.now() - RANGE.from) / (RANGE.to - RANGE.from);
    if (done >= (heapSamplesMB.length + 1) / 5) heapSamplesMB.push(Number(heapMB().toFixed(1)));
  }, 50);
  const uids = emu.instruments.map((i) => i.uid);
  const t0 = performance.now();
  const got = await Promise.all(
    uids.map(async (uid) => {
      const out: Candle[] = [];
      for await (const b of feed.read({ instrumentUid: uid, interval: '1m' }, RANGE))
        for (let i = 0; i < b.length; i++) out.push(candleAt(b, i));
      return out;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(stalls);
  clearInterval(sampler);
  feed.stop();
  let lost = 0;
  let duplicated = 0;
  let differ = 0;
  let candles = 0;
  for (const [k, uid] of uids.entries()) {
    const want: Candle[] = [];
    for (let t = RANGE.from; t < RANGE.to; t += 24 * HOUR) {
      const to = Math.min(RANGE.to, t + 24 * HOUR);
      want.push(...(await client.getCandles({ instrumentId: uid, interval: '1m', from: t, to })));
    }
    const d = lossAndDuplicates(got[k], want);
    lost += d.lost;
    duplicated += d.duplicated;
    differ += d.differ;
    candles += got[k].length;
  }
  await client.close();
  await emu.stop();
  const dead = events.filter((e) => e.kind === 'stream-dead');
  return [
    {
      name: `feed soak: replayed week, ${uids.length} series, drops every 300 msgs + stalls`,
      candlesPerSecond: candles / seconds,
      candles,
      lost,
      duplicated,
      differing: differ,
      streamDrops: dead.filter((e) => e.reason === 'error').length,
      stallsDetected: dead.filter((e) => e.reason === 'dead').length,
      reconnects: events.filter((e) => e.kind === 'stream-reconnect').length,
      backfilledCandles: events
        .filter((e) => e.kind === 'stream-backfill')
        .reduce((n, e) => n + (e.api as number), 0),
      heapStartMB: Number(heapStartMB.toFixed(1)),
      heapSamplesMB,
      heapEndMB: Number(heapMB().toFixed(1)),
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      seconds: Number(seconds.toFixed(1)),
    },
  ];
}
