/**
 * @module Placing one order so that it exists at most once at the venue. The same idempotency key
 * goes out on every attempt; a failure that may have come after the venue took the order (a cut
 * connection, a deadline, 70002) is retried with that key; a repeat answered 30057 is resolved
 * through GetOrderState by the request id, as is an answer that came only after a failed attempt.
 * A business refusal ends the order; when every attempt failed, one last look-up by key decides,
 * and an order still not found is reported as unconfirmed (never sent again under a new key).
 */
import { status } from '@grpc/grpc-js';
import type { BrokerOrderSpec, VenueOrderView } from '../../wire/convert/index.ts';
import { TinkoffApiError } from '../client/api-error.ts';
import type { VenueApi } from './venue-api.ts';

/** How placements retry. */
export interface PlacementPolicy {
  /** Attempts in all (default 6). */
  maxAttempts?: number;
  /** First delay between attempts, doubled each time (default 200 ms). */
  initialDelayMs?: number;
  /** Largest delay (default 5000 ms). */
  maxDelayMs?: number;
}

/** What placing ended with. */
export type PlacementOutcome =
  | { kind: 'placed'; view: VenueOrderView }
  | { kind: 'refused'; reason: string; apiCode?: number }
  | { kind: 'unconfirmed'; reason: string };

/** What the placement tells its caller on the way. */
export interface PlacementHooks {
  onRetry(attempt: number, reason: string, delayMs: number): void;
  onDuplicateResolved(via: '30057' | 'answer-after-retry' | 'lookup', view: VenueOrderView): void;
}

const DUPLICATE = 30057;
const NOT_FOUND = 50005;

const TRANSIENT = new Set<number>([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.INTERNAL,
  status.UNKNOWN,
  status.CANCELLED,
  status.ABORTED,
  status.RESOURCE_EXHAUSTED,
]);

/** True when a failure leaves open whether the venue took the order. */
export function isInDoubt(e: unknown): boolean {
  if (!(e instanceof TinkoffApiError)) return true;
  if (e.circuitOpen) return true;
  return TRANSIENT.has(e.grpcCode ?? status.UNKNOWN);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Looks the order up by its key; undefined when the venue does not have it (or cannot say). */
export async function findByKey(api: VenueApi, key: string): Promise<VenueOrderView | undefined> {
  try {
    return await api.state(key, true);
  } catch {
    return undefined;
  }
}

function isNotFound(e: unknown): boolean {
  return e instanceof TinkoffApiError && e.apiCode === NOT_FOUND;
}

/** Places `spec` once at most, retrying with its key. */
export async function placeOrder(
  api: VenueApi,
  spec: Omit<BrokerOrderSpec, 'accountId'>,
  hooks: PlacementHooks,
  policy: PlacementPolicy = {},
): Promise<PlacementOutcome> {
  const max = policy.maxAttempts ?? 6;
  const initial = policy.initialDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 5000;
  let lastReason = '';
  for (let attempt = 1; attempt <= max; attempt++) {
    try {
      const view = await api.post(spec);
      if (attempt === 1) return { kind: 'placed', view };
      // An answer after a failed attempt may be the repeat's original order: take the venue's
      // current state of the key so that nothing placed before is missed.
      const current = (await findByKey(api, spec.key)) ?? view;
      hooks.onDuplicateResolved('answer-after-retry', current);
      return { kind: 'placed', view: current };
    } catch (e) {
      if (e instanceof TinkoffApiError && e.apiCode === DUPLICATE) {
        const found = await findByKey(api, spec.key);
        if (found) {
          hooks.onDuplicateResolved('30057', found);
          return { kind: 'placed', view: found };
        }
        lastReason = 'the venue calls the order a duplicate but has no report of it yet';
      } else if (isInDoubt(e)) {
        lastReason = describe(e);
      } else {
        const apiCode = e instanceof TinkoffApiError ? e.apiCode : undefined;
        return { kind: 'refused', reason: describe(e), apiCode };
      }
    }
    if (attempt < max) {
      const delay = Math.min(cap, initial * 2 ** (attempt - 1));
      hooks.onRetry(attempt, lastReason, delay);
      await sleep(delay);
    }
  }
  try {
    const view = await api.state(spec.key, true);
    hooks.onDuplicateResolved('lookup', view);
    return { kind: 'placed', view };
  } catch (e) {
    const why = isNotFound(e) ? 'the venue has no order with this key' : describe(e);
    return { kind: 'unconfirmed', reason: `${lastReason}; ${why}` };
  }
}
