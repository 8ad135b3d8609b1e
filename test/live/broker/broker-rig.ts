/**
 * @module A TinvestBroker against a real emulator on loopback: a replay clock the test steps, a
 * scripted tape whose trades the test writes (so orders fill where the test says), our client on
 * the sandbox host or the production-like one, and a way to wait until the broker's view of its
 * orders agrees with the venue's.
 */
import type { Instrument } from '../../../src/core/instrument.ts';
import type { OrderUpdate } from '../../../src/engine/ports/broker.ts';
import {
  ReplayClock,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index.ts';
import {
  seededOrderIds,
  TinvestBroker,
  type LiveEvent,
  type TinvestBrokerOptions,
} from '../../../src/live/broker/index.ts';
import {
  createTinvestClient,
  type TinvestClient,
  type TinvestClientOptions,
} from '../../../src/live/index.ts';
import { orderStateView, stringToQuotation } from '../../../src/wire/convert/index.ts';
import {
  GetOrdersRequest,
  OrdersServiceService,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { SandboxServiceService } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { UsersServiceService } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { ScriptedTape } from '../../emulator/trading/scripted-tape.ts';

export const TOKEN = 'broker-test-token';
/** Wednesday 2024-10-02 10:00 UTC: inside the main session. */
export const T0 = Date.UTC(2024, 9, 2, 10, 0, 0);
const MIN = 60_000;

export interface Candle4 {
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface RigOptions {
  host?: 'sandbox' | 'prod';
  emulator?: EmulatorOptions;
  broker?: Partial<TinvestBrokerOptions>;
  client?: Partial<TinvestClientOptions>;
  /** Lots of each scripted trade (default 1000). */
  tradeLots?: number;
  /** Open the stream before returning (default true). */
  start?: boolean;
}

export interface BrokerRig {
  emu: RunningEmulator;
  clock: ReplayClock;
  tape: ScriptedTape;
  client: TinvestClient;
  broker: TinvestBroker;
  accountId: string;
  instrument: Instrument;
  events: LiveEvent[];
  updates: OrderUpdate[];
  /** The venue's active orders: key -> lots not executed. */
  venueOpen(): Promise<Map<string, number>>;
  /** Writes a minute of trades (open, high, low, close) and moves the clock over it. */
  step(c: Candle4, lots?: number): Promise<void>;
  /** The same without waiting for the broker (so several minutes' events can be in flight at once). */
  stepNoWait(c: Candle4, lots?: number): void;
  /** Waits until the broker is idle and its open orders equal the venue's (or throws). */
  untilAgrees(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts an emulator, a client and a TinvestBroker on one of its hosts. */
export async function brokerRig(o: RigOptions = {}): Promise<BrokerRig> {
  const host = o.host ?? 'sandbox';
  const clock = new ReplayClock(T0);
  const tape = new ScriptedTape();
  // The venue's per-minute limits are tested with the client; here the tests poll the venue freely.
  const emu = await startEmulator({
    tokens: [TOKEN],
    clock,
    tape,
    sandboxPort: 0,
    limits: { enabled: false },
    ...o.emulator,
  });
  const instrument = emu.instruments.find((i) => i.ticker === 'SBER')!;
  tape.trade(instrument.uid, T0 - 30_000, 100, 1000);
  const client = createTinvestClient({
    endpoint: host === 'sandbox' ? emu.sandboxAddress! : emu.grpcAddress,
    token: TOKEN,
    sandbox: host === 'sandbox',
    retry: { initialDelayMs: 20, maxDelayMs: 100 },
    // Pacing under the per-minute limits is the client's business, tested there; here it only slows.
    rateLimit: { enabled: false },
    ...o.client,
  });
  let accountId: string;
  if (host === 'sandbox') {
    accountId = (await client.raw.call(SandboxServiceService.openSandboxAccount, {})).accountId;
    await client.raw.call(SandboxServiceService.sandboxPayIn, {
      accountId,
      amount: { currency: 'rub', ...stringToQuotation('1000000') },
    });
  } else {
    accountId = (await client.raw.call(UsersServiceService.getAccounts, {})).accounts[0].id;
  }
  const events: LiveEvent[] = [];
  const updates: OrderUpdate[] = [];
  const broker = new TinvestBroker({
    client,
    accountId,
    sandbox: host === 'sandbox',
    instruments: [instrument],
    ids: seededOrderIds(7),
    now: () => clock.now(),
    onEvent: (e) => events.push(e),
    placement: { initialDelayMs: 20, maxDelayMs: 200 },
    stream: { reconnectInitialMs: 50, reconnectMaxMs: 400 },
    pollIntervalMs: 100,
    ...o.broker,
  });
  broker.setUpdateListener((u) => updates.push(u));
  if (o.start ?? true) await broker.start();
  const ordersDef =
    host === 'sandbox' ? SandboxServiceService.getSandboxOrders : OrdersServiceService.getOrders;
  const venueOpen = async () => {
    const res = await client.raw.call(ordersDef, GetOrdersRequest.fromPartial({ accountId }));
    return new Map(
      res.orders.map(orderStateView).map((v) => [v.requestId, v.lotsRequested - v.lotsExecuted]),
    );
  };
  const untilAgrees = async (timeoutMs = 5000) => {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      await broker.settled();
      const mine = new Map(broker.openOrders().map((x) => [x.orderId, x.remainingLots]));
      const theirs = await venueOpen();
      const a = JSON.stringify([...mine].sort());
      last = `broker ${a} venue ${JSON.stringify([...theirs].sort())}`;
      if (a === JSON.stringify([...theirs].sort())) {
        await broker.settled();
        return;
      }
      await sleep(10);
    }
    throw new Error(`the broker never agreed with the venue: ${last}`);
  };
  const lotsDefault = o.tradeLots ?? 1000;
  const minute = (c: Candle4, lots: number) => {
    const t = clock.now();
    const uid = instrument.uid;
    tape.trade(uid, t + 5_000, c.open, lots);
    tape.trade(uid, t + 20_000, c.high, lots, 'buy');
    tape.trade(uid, t + 35_000, c.low, lots, 'sell');
    tape.trade(uid, t + 50_000, c.close, lots);
    clock.advanceTo(t + MIN);
  };
  return {
    emu,
    clock,
    tape,
    client,
    broker,
    accountId,
    instrument,
    events,
    updates,
    venueOpen,
    untilAgrees,
    stepNoWait: (c, lots = lotsDefault) => minute(c, lots),
    step: async (c, lots = lotsDefault) => {
      minute(c, lots);
      await untilAgrees();
    },
    close: async () => {
      await broker.close();
      await client.close();
      await emu.stop();
    },
  };
}
