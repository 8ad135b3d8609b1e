/**
 * @module Live-path latency on loopback against the emulator's sandbox host (framework overhead
 * only): from a closed candle's message arriving on the market-data stream to the order it causes
 * leaving the client (the PostSandboxOrder call), through GrpcStreamFeed, the kernel, a strategy
 * that trades on every candle, the risk guards and TinvestBroker. The candle's arrival is stamped by
 * a listener attached to the stream before the feed's own; the order's departure where our client's
 * unary call starts. p50 and p99 in ms over a few hundred candles, beside one plain GetCandles round
 * trip through the same client (the unit of a network call here).
 */
import { performance } from 'node:perf_hooks';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { startEmulator } from '../src/emulator/index.ts';
import { runBacktest, type Strategy } from '../src/engine/index.ts';
import {
  GrpcStreamFeed,
  GuardedBroker,
  TinvestBroker,
  createTinvestClient,
  seededOrderIds,
  type TinvestClient,
} from '../src/live/index.ts';
import { openFundedSandboxAccount } from '../src/live/sandbox-account.ts';
import { timestampToMs } from '../src/wire/convert/timestamp.ts';
import type { BenchResult } from './types.ts';

const CANDLES = 300;
/** Wednesday 2024-10-02 08:00 UTC, inside the main session. */
const T0 = Date.UTC(2024, 9, 2, 8);
/** 1200 venue ms per real ms: a minute candle closes every 50 real ms. */
const SPEED = 1200;

/**
 * Flips between long one lot and flat on every candle, and notes the candle of every order it
 * sends (none while the previous one is still pending).
 */
function flip(decidedOn: number[]): Strategy {
  return {
    onCandle(c, ctx) {
      const ack = ctx.targetPosition(ctx.positionLots() === 0 ? 1 : 0);
      if (ack?.accepted) decidedOn.push(c.time);
    },
  };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** The client with two stamps added: candle messages arriving, sandbox orders leaving. */
function stamped(client: TinvestClient, arrived: Map<number, number>, left: number[]) {
  const raw = client.raw;
  const call: typeof raw.call = (def, req, opts) => {
    if ((def as { path?: string }).path?.endsWith('/PostSandboxOrder'))
      left.push(performance.now());
    return raw.call(def, req, opts);
  };
  const stub: typeof raw.stub = (ctor) => {
    const s = raw.stub(ctor) as { marketDataStream?: () => ClientDuplexStream<unknown, unknown> };
    const open = s.marketDataStream?.bind(s);
    if (open === undefined) return s as never;
    s.marketDataStream = () => {
      const c = open();
      c.on('data', (m: { candle?: { time?: Parameters<typeof timestampToMs>[0] } }) => {
        const t = m.candle?.time === undefined ? undefined : timestampToMs(m.candle.time);
        if (t !== undefined && !arrived.has(t)) arrived.set(t, performance.now());
      });
      return c;
    };
    return s as never;
  };
  return { ...client, raw: { ...raw, call, stub } } as TinvestClient;
}

export async function run(): Promise<BenchResult[]> {
  const emu = await startEmulator({
    replay: { from: T0, speed: SPEED },
    sandboxPort: 0,
    limits: { enabled: false },
  });
  const base = createTinvestClient({
    endpoint: emu.sandboxAddress!,
    token: 'bench',
    sandbox: true,
    rateLimit: { enabled: false },
  });
  const arrived = new Map<number, number>();
  const left: number[] = [];
  const client = stamped(base, arrived, left);
  const inst = emu.instruments.find((i) => i.ticker === 'SBER')!;
  const accountId = await openFundedSandboxAccount(base, 10_000_000);
  const unary: number[] = [];
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    await base.getCandles({ instrumentId: inst.uid, interval: '1m', from: T0 - 3_600_000, to: T0 });
    unary.push(performance.now() - t);
  }
  const from = Math.ceil(emu.clock.now() / 60_000) * 60_000;
  const brokers: TinvestBroker[] = [];
  const feed = new GrpcStreamFeed({ client, subscribeInfo: false });
  // Which candle each order came from: the kernel decides at the candle's close.
  const decidedOn: number[] = [];
  await runBacktest({
    strategy: flip(decidedOn),
    strategyName: 'flip',
    instruments: [inst],
    interval: '1m',
    range: { from, to: from + CANDLES * 60_000 },
    feed,
    venueBroker: {
      label: 'bench',
      create: (_a, clock) => {
        const b = new TinvestBroker({
          client,
          accountId,
          sandbox: true,
          instruments: [inst],
          ids: seededOrderIds(3),
          now: () => clock.now(),
        });
        brokers.push(b);
        void b.start();
        return b;
      },
    },
    wrapBroker: (b, clock) =>
      new GuardedBroker(b, { clock, instruments: [inst], maxOrderValue: 1e7, maxPositionLots: 10 }),
  });
  feed.stop();
  await Promise.all(brokers.map((b) => b.close()));
  await base.close();
  await emu.stop();
  const ms: number[] = [];
  decidedOn.forEach((t, k) => {
    const a = arrived.get(t);
    if (a !== undefined && left[k] !== undefined) ms.push(left[k] - a);
  });
  return [
    {
      name: 'live: stream candle → order leaves the client',
      p50Ms: quantile(ms, 0.5),
      p99Ms: quantile(ms, 0.99),
      candles: ms.length,
      unaryRoundTripP50Ms: quantile(unary, 0.5),
    },
  ];
}
