/**
 * @module A started emulator with a replay clock and a scripted tape, and plain generated clients of
 * every order-side service, for the venue's order tests.
 */
import { credentials } from '@grpc/grpc-js';
import {
  startEmulator,
  ReplayClock,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index.ts';
import {
  OperationsServiceClient,
  OperationsStreamServiceClient,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  OrdersServiceClient,
  OrdersStreamServiceClient,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { SandboxServiceClient } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { StopOrdersServiceClient } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { UsersServiceClient } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { auth, call, TOKEN, type Outcome } from '../helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';

export { auth, TOKEN };
export const SBER = { figi: 'BBG004730N88', uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13', lot: 10 };
/** Wednesday 2024-10-02 10:00 UTC: inside the main session. */
export const T0 = Date.UTC(2024, 9, 2, 10, 0, 0);
export const MIN = 60_000;

/** Clients of the order side. */
export interface VenueClients {
  users: UsersServiceClient;
  orders: OrdersServiceClient;
  ordersStream: OrdersStreamServiceClient;
  stops: StopOrdersServiceClient;
  ops: OperationsServiceClient;
  opsStream: OperationsStreamServiceClient;
  sandbox: SandboxServiceClient;
}

export interface VenueHarness extends VenueClients {
  emu: RunningEmulator;
  clock: ReplayClock;
  tape: ScriptedTape;
  /** Calls `method` on `client` (errors come back in `err`). */
  rpc<Req, Res>(client: object, method: string, req: Req, token?: string): Promise<Outcome<Res>>;
  /** Like rpc, but throws on an error and returns the response. */
  ok<Req, Res>(client: object, method: string, req: Req, token?: string): Promise<Res>;
  close(): Promise<void>;
}

export function clientsFor(address: string): VenueClients {
  const c = credentials.createInsecure();
  return {
    users: new UsersServiceClient(address, c),
    orders: new OrdersServiceClient(address, c),
    ordersStream: new OrdersStreamServiceClient(address, c),
    stops: new StopOrdersServiceClient(address, c),
    ops: new OperationsServiceClient(address, c),
    opsStream: new OperationsStreamServiceClient(address, c),
    sandbox: new SandboxServiceClient(address, c),
  };
}

/** Starts a venue at `start` (default T0) on `tape`. */
export async function venueHarness(
  options: EmulatorOptions = {},
  tape = new ScriptedTape(),
  start = T0,
): Promise<VenueHarness> {
  const clock = new ReplayClock(start);
  const emu = await startEmulator({ tokens: [TOKEN], clock, tape, ...options });
  const clients = clientsFor(emu.grpcAddress);
  const rpc = <Req, Res>(client: object, method: string, req: Req, token = TOKEN) =>
    call<Req, Res>(client, method, req, auth(token));
  return {
    ...clients,
    emu,
    clock,
    tape,
    rpc,
    ok: async <Req, Res>(client: object, method: string, req: Req, token = TOKEN) => {
      const r = await rpc<Req, Res>(client, method, req, token);
      if (r.err)
        throw new Error(
          `${method}: ${r.err.code} ${r.err.details} ${String(r.err.metadata.get('message')[0])}`,
        );
      return r.res!;
    },
    close: async () => {
      for (const c of Object.values(clients)) c.close();
      await emu.stop();
    },
  };
}
