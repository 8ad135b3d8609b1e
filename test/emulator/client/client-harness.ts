/**
 * @module A venue on a replay clock and a scripted tape, and our TinvestClient on it: the harness of
 * the "through our client" suites. Calls go through every client policy (interceptors, limiter,
 * retry, breaker); methods without a typed wrapper go through `client.raw.call`.
 */
import { createTinvestClient, type TinvestClient } from '../../../src/live/index.ts';
import type { EmulatorOptions } from '../../../src/emulator/index.ts';
import type { UnaryDefinition } from '../../../src/live/client/unary-caller.ts';
import { ScriptedTape } from '../trading/scripted-tape.ts';
import { SBER, T0, TOKEN, venueHarness, type VenueHarness } from '../trading/venue-harness.ts';

export { SBER, T0 };

/** The venue, its raw stubs, and our client on it. */
export interface ClientHarness {
  venue: VenueHarness;
  client: TinvestClient;
  /** `client.raw.call` for a generated method definition. */
  call<Req, Res>(def: UnaryDefinition<Req, Res>, request: Req): Promise<Res>;
  close(): Promise<void>;
}

/** Last trade 270.15 (30 s before T0), book 270.10 x 50 / 270.20 x 50, a sell at 269.50 at T0+10 s. */
export function defaultTape(): ScriptedTape {
  return new ScriptedTape()
    .trade(SBER.uid, T0 - 30_000, 270.15)
    .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]])
    .trade(SBER.uid, T0 + 10_000, 269.5, 100, 'sell');
}

/** Limit window of both sides, scaled down from a minute so that paced calls run quickly. */
export const WINDOW_MS = 2000;

/** Starts the venue at T0 on `tape` and connects our client (no retries: every answer is seen). */
export async function clientHarness(
  options: EmulatorOptions = {},
  tape = defaultTape(),
): Promise<ClientHarness> {
  const venue = await venueHarness({ limits: { windowMs: WINDOW_MS }, ...options }, tape);
  const client = createTinvestClient({
    endpoint: venue.emu.grpcAddress,
    token: TOKEN,
    retry: { maxRetries: 0 },
    rateLimit: { windowMs: WINDOW_MS },
  });
  return {
    venue,
    client,
    call: (def, request) => client.raw.call(def, request),
    close: async () => {
      await client.close();
      await venue.close();
    },
  };
}
