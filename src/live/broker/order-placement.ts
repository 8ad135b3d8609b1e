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
export type PlacementOutcome<T> =
  | { kind: 'placed'; view: T }
  | { kind: 'refused'; reason: string; apiCode?: number }
  | { kind: 'unconfirmed'; reason: string };

/** What the placement tells its caller on the way. */
export interface PlacementHooks<T> {
  onRetry(attempt: number, reason: string, delayMs: number): void;
  onDuplicateResolved(via: '30057' | 'answer-after-retry' | 'lookup', view: T): void;
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

/** Hooks that report each retry and each resolved duplicate of order `orderId` as a live event. */
export function reportingHooks<T>(
  orderId: string,
  idOf: (v: T) => string,
  event: (kind: string, fields: object) => void,
): PlacementHooks<T> {
  return {
    onRetry: (attempt, reason, delayMs) =>
      event('order-retry', { orderId, attempt, reason, delayMs }),
    onDuplicateResolved: (via, v) =>
      event('order-duplicate-resolved', { orderId, venueOrderId: idOf(v), via }),
  };
}

/** The two calls a placement needs: the post itself, and the look-up of the key. */
export interface PlacementCalls<T> {
  post(): Promise<T>;
  /** The placed thing by its key: undefined when the venue says it has none; throws when unsure. */
  find(): Promise<T | undefined>;
}

/** The order placed under idempotency key `key`: undefined when the venue has none; throws when unsure. */
export async function orderByKey(api: VenueApi, key: string): Promise<VenueOrderView | undefined> {
  try {
    return await api.state(key, true);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Placement of an ordinary order: PostOrder, and GetOrderState by the request id. */
export function orderCalls(
  api: VenueApi,
  spec: Omit<BrokerOrderSpec, 'accountId'>,
): PlacementCalls<VenueOrderView> {
  return {
    post: () => api.post(spec),
    find: () => orderByKey(api, spec.key),
  };
}

async function quietly<T>(find: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await find();
  } catch {
    return undefined;
  }
}

function isNotFound(e: unknown): boolean {
  return e instanceof TinkoffApiError && e.apiCode === NOT_FOUND;
}

/** Places once at most, retrying with the same key. */
export async function placeOrder<T>(
  calls: PlacementCalls<T>,
  hooks: PlacementHooks<T>,
  policy: PlacementPolicy = {},
): Promise<PlacementOutcome<T>> {
  const max = policy.maxAttempts ?? 6;
  const initial = policy.initialDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 5000;
  let lastReason = '';
  for (let attempt = 1; attempt <= max; attempt++) {
    try {
      const view = await calls.post();
      if (attempt === 1) return { kind: 'placed', view };
      // An answer after a failed attempt may be the repeat's original order: take the venue's
      // current state of the key so that nothing placed before is missed.
      const current = (await quietly(calls.find)) ?? view;
      hooks.onDuplicateResolved('answer-after-retry', current);
      return { kind: 'placed', view: current };
    } catch (e) {
      if (e instanceof TinkoffApiError && e.apiCode === DUPLICATE) {
        const found = await quietly(calls.find);
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
    const view = await calls.find();
    if (view) {
      hooks.onDuplicateResolved('lookup', view);
      return { kind: 'placed', view };
    }
    return { kind: 'unconfirmed', reason: `${lastReason}; the venue has nothing under this key` };
  } catch (e) {
    return { kind: 'unconfirmed', reason: `${lastReason}; ${describe(e)}` };
  }
}
