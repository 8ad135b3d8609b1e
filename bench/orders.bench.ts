/**
 * @module Order round trip on loopback through our client, against the emulator's production-like
 * host (pacing off: framework and wire cost only). Three rows, each a few hundred market orders one
 * after another, filled at placement from a deep constant book:
 * - `PostOrder → TradesStream event`: from the PostOrder call to its OrderTrades event on the
 *   account's TradesStream (the venue books the fill while placing, so the event can even come
 *   before the answer);
 * - `TinvestBroker submit → filled`: from `submit` to the `filled` OrderUpdate (this adds the
 *   GetOrderState the broker makes for the venue's commission);
 * - the baselines of the same run: one unary GetOrders round trip through our client, and the same
 *   through a plain generated stub (no interceptors, limiter, retry or breaker), which shows what
 *   the client itself adds to every call.
 * Latencies are p50/p99 in ms over the orders of one run.
 */
import { credentials, Metadata } from '@grpc/grpc-js';
import { ReplayClock, startEmulator } from '../src/emulator/index.ts';
import type { BookSnapshot, MarketTape, TapeTrade } from '../src/emulator/venue/venue-ports.ts';
import type { OrderUpdate } from '../src/engine/ports/broker.ts';
import { createTinvestClient, seededOrderIds, TinvestBroker } from '../src/live/index.ts';
import { postOrderRequest } from '../src/wire/convert/index.ts';
import {
  GetOrdersRequest,
  OrdersServiceClient,
  OrdersServiceService,
  OrdersStreamServiceClient,
  TradesStreamRequest,
  type TradesStreamResponse,
} from '../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { UsersServiceService } from '../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import type { BenchResult } from './types.ts';

const ORDERS = 300;
const WARMUP = 20;
/** Wednesday 2024-10-02 10:00 UTC: inside the main session. */
const T0 = Date.UTC(2024, 9, 2, 10);

/** A market that always trades at 100 with a deep book around it. */
class ConstantTape implements MarketTape {
  trades(): TapeTrade[] {
    return [];
  }
  lastTrade(_uid: string, at: number): TapeTrade {
    return { time: at - 1000, price: 100, lots: 1000, side: 'buy' };
  }
  book(_uid: string, at: number): BookSnapshot {
    return { time: at, bids: [{ price: 99.99, lots: 1e6 }], asks: [{ price: 100.01, lots: 1e6 }] };
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function row(name: string, ms: number[], baseP50?: number): BenchResult {
  const p50 = quantile(ms, 0.5);
  const out: BenchResult = { name, p50Ms: p50, p99Ms: quantile(ms, 0.99), orders: ms.length };
  if (baseP50 !== undefined) out.ratioToPlainUnaryP50 = p50 / baseP50;
  return out;
}

export async function run(): Promise<BenchResult[]> {
  const emu = await startEmulator({
    clock: new ReplayClock(T0),
    tape: new ConstantTape(),
    limits: { enabled: false },
  });
  const client = createTinvestClient({
    endpoint: emu.grpcAddress,
    token: 'bench',
    rateLimit: { enabled: false },
  });
  const inst = emu.instruments.find((i) => i.ticker === 'SBER')!;
  const accountId = (await client.raw.call(UsersServiceService.getAccounts, {})).accounts[0].id;
  const ids = seededOrderIds(1);

  // Baselines: a unary round trip through a plain stub, and through our client.
  const plainStub = new OrdersServiceClient(emu.grpcAddress, credentials.createInsecure());
  const md = new Metadata();
  md.set('authorization', 'Bearer bench');
  const plain: number[] = [];
  for (let k = 0; k < ORDERS + WARMUP; k++) {
    const t = performance.now();
    await new Promise((r) =>
      plainStub.getOrders(GetOrdersRequest.fromPartial({ accountId }), md, r),
    );
    if (k >= WARMUP) plain.push(performance.now() - t);
  }
  plainStub.close();
  const unary: number[] = [];
  for (let k = 0; k < ORDERS + WARMUP; k++) {
    const t = performance.now();
    await client.raw.call(
      OrdersServiceService.getOrders,
      GetOrdersRequest.fromPartial({ accountId }),
    );
    if (k >= WARMUP) unary.push(performance.now() - t);
  }

  // PostOrder → its TradesStream event, through our client's channel and policies.
  const stub = client.raw.stub(OrdersStreamServiceClient);
  const stream = stub.tradesStream(
    TradesStreamRequest.fromPartial({ accounts: [accountId], pingDelayMs: 60_000 }),
  );
  const waiting = new Map<string, () => void>();
  const arrived = new Set<string>();
  await new Promise<void>((resolve) => {
    stream.on('data', (m: TradesStreamResponse) => {
      if (m.subscription) resolve();
      const id = m.orderTrades?.orderId;
      if (!id) return;
      const w = waiting.get(id);
      if (w) w();
      else arrived.add(id);
    });
  });
  stream.on('error', () => undefined);
  const raw: number[] = [];
  for (let k = 0; k < ORDERS + WARMUP; k++) {
    const t = performance.now();
    const req = postOrderRequest({
      accountId,
      key: ids(),
      instrumentUid: inst.uid,
      side: k % 2 ? 'sell' : 'buy',
      lots: 1,
      type: 'market',
    });
    const res = await client.raw.call(OrdersServiceService.postOrder, req);
    if (!arrived.delete(res.orderId)) await new Promise<void>((r) => waiting.set(res.orderId, r));
    waiting.delete(res.orderId);
    if (k >= WARMUP) raw.push(performance.now() - t);
  }
  stream.cancel();

  // TinvestBroker: submit → filled update.
  const broker = new TinvestBroker({
    client,
    accountId,
    instruments: [inst],
    ids,
    sweepIntervalMs: 0,
  });
  let onFilled: ((u: OrderUpdate) => void) | undefined;
  broker.setUpdateListener((u) => {
    if (u.status === 'filled') onFilled?.(u);
  });
  await broker.start();
  const viaBroker: number[] = [];
  for (let k = 0; k < ORDERS + WARMUP; k++) {
    const t = performance.now();
    const done = new Promise<void>((r) => (onFilled = () => r()));
    broker.submit({
      instrumentUid: inst.uid,
      side: k % 2 ? 'sell' : 'buy',
      lots: 1,
      type: 'market',
    });
    await done;
    if (k >= WARMUP) viaBroker.push(performance.now() - t);
  }
  await broker.close();
  await client.close();
  await emu.stop();
  const base = quantile(plain, 0.5);
  return [
    row('plain stub GetOrders round trip', plain),
    row('client GetOrders round trip', unary, base),
    row('PostOrder → TradesStream event', raw, base),
    row('TinvestBroker submit → filled', viaBroker, base),
  ];
}
