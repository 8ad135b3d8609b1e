/**
 * @module The plumbing the order-side server streams share: the token check (UNAUTHENTICATED
 * 40003 as a stream status), the host of the call, the accounts asked for, server pings at the
 * requested interval, and clean-up when the client goes away. A stream opened with a `kind` joins
 * the emulator's stream registry, so `resetStreams()` / `stallStreams()` reach it as they reach the
 * market-data streams.
 */
import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import { msToTimestamp } from '../../../wire/convert/index.ts';
import type { Ping } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import { apiErrors, type ApiError } from '../../api-error.ts';
import { bearerToken } from '../../policy/auth.ts';
import { newTrackingId } from '../../policy/tracking.ts';
import { hostOf } from '../../trading/order-intake.ts';
import type { AccountRec, Host } from '../../trading/records.ts';
import type { TradingScope } from './trading-call.ts';

/** An opened account stream. */
export interface OpenStream {
  host: Host;
  streamId: string;
  trackingId: string;
  /** Requested accounts that exist on the host. */
  accounts: AccountRec[];
  /** Requested ids that do not. */
  unknown: string[];
  /** Registers clean-up for when the stream ends. */
  onEnd(fn: () => void): void;
}

/** Ends a stream with an API error the way unary calls report one. */
export function failStream(call: ServerWritableStream<unknown, unknown>, err: ApiError): void {
  const md = new Metadata();
  md.set('message', err.message);
  call.emit('error', { code: err.grpcStatus, details: err.code || err.message, metadata: md });
}

/**
 * Opens a stream for `ids` (or refuses it): checks the token, resolves accounts, starts pings every
 * `pingMs` (clamped to `range`, default 120 s) and returns the handle; undefined when refused.
 */
export function openStream<Res>(
  scope: TradingScope,
  call: ServerWritableStream<unknown, Res>,
  ids: readonly string[],
  ping: {
    ms: number | undefined;
    range: [number, number];
    wrap: (p: Ping) => Res;
    /** Registry kind (e.g. `TradesStream`); unset streams stay out of the registry. */
    kind?: string;
  },
): OpenStream | undefined {
  const token = bearerToken(call.metadata.get('authorization')[0]?.toString());
  if (!scope.ctx.tokens.accepts(token)) {
    failStream(call as ServerWritableStream<unknown, unknown>, apiErrors.unauthenticated());
    return undefined;
  }
  const host = hostOf(scope.serverHost, token, new Set(scope.venue.opts.sandboxTokens ?? []));
  const accounts: AccountRec[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const acc = scope.venue.ledger.accounts.get(id);
    if (acc && acc.host === host) accounts.push(acc);
    else unknown.push(id);
  }
  const streamId = newTrackingId();
  const enders: (() => void)[] = [];
  const period = Math.min(ping.range[1], Math.max(ping.range[0], ping.ms ?? 120_000));
  const timer = setInterval(() => {
    call.write(ping.wrap({ time: msToTimestamp(scope.venue.now), streamId }));
  }, period);
  enders.push(() => clearInterval(timer));
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const fn of enders) fn();
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
  if (ping.kind !== undefined) register(scope, call, ping.kind, token, enders);
  return {
    host,
    streamId,
    trackingId: newTrackingId(),
    accounts,
    unknown,
    onEnd: (fn) => enders.push(fn),
  };
}

/** Puts a stream in the registry: reset ends it with UNAVAILABLE, stall silences every write. */
function register<Res>(
  scope: TradingScope,
  call: ServerWritableStream<unknown, Res>,
  kind: string,
  token: string,
  enders: (() => void)[],
): void {
  let stalled = false;
  const write = call.write.bind(call);
  call.write = ((msg: Res, ...rest: unknown[]) =>
    stalled ? true : (write as (...a: unknown[]) => boolean)(msg, ...rest)) as typeof call.write;
  const handle = {
    kind,
    token,
    reset: () =>
      failStream(call as ServerWritableStream<unknown, unknown>, apiErrors.unavailable()),
    stall: () => {
      stalled = true;
    },
  };
  scope.ctx.streams.add(handle);
  enders.push(() => scope.ctx.streams.remove(handle));
}
