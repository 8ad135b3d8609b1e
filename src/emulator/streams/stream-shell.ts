/**
 * @module What every server stream of the venue does around its payload, in the real API's manner:
 * a stream id, server pings on a real-time timer (120 s unless `ping_settings` says otherwise),
 * an optional maximum lifetime (RESOURCE_EXHAUSTED 80005), errors ended with the numeric code in the
 * status details and the text in the `message` trailer, and the stream faults read live from the
 * emulator's FaultOptions: end with UNAVAILABLE after N messages, go silent after N messages (no
 * data, no pings, no close), reset with UNAVAILABLE after a time or on demand. The market-data
 * stream uses it; the order and portfolio streams can too.
 */
import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { apiErrors, type ApiError } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { newTrackingId, TRACKING_HEADER } from '../policy/tracking.ts';
import type { OpenStream, StreamRegistry } from './stream-registry.ts';

/** The writable side of a server-streaming or bidirectional call. */
export interface StreamCall<Res> {
  readonly metadata: Metadata;
  sendMetadata(md: Metadata): void;
  write(msg: Res): boolean;
  end(): void;
  emit(event: 'error', err: Error): boolean;
  on(event: 'cancelled' | 'error', fn: () => void): unknown;
}

/** How a shell is set up. */
export interface ShellSetup<Res> {
  /** Counting scope for the per-token connection limit, e.g. `MarketDataStream`. */
  kind: string;
  token: string;
  /** Builds the ping message of this stream. */
  ping(streamId: string, requestTime?: number): Res;
  /** Called once when the stream ends for any reason. */
  onClose(): void;
}

/** One open server stream with its timers, faults and counters. */
export class StreamShell<Res> implements OpenStream {
  readonly id = randomUUID();
  /** Messages written so far. */
  sent = 0;
  private done = false;
  private stalled = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly registry: StreamRegistry,
    private readonly call: StreamCall<Res>,
    private readonly setup: ShellSetup<Res>,
  ) {
    const md = new Metadata();
    md.set(TRACKING_HEADER, newTrackingId());
    call.sendMetadata(md);
    call.on('cancelled', () => this.finish());
    call.on('error', () => this.finish());
    const o = ctx.streamOptions;
    this.setPingDelay(o.pingDelayMs);
    if (o.maxLifetimeMs !== undefined)
      this.after(o.maxLifetimeMs, () => this.fail(apiErrors.streamLifetime()));
    const reset = ctx.faults.resetStreamAfterMs;
    if (reset !== undefined) this.after(reset, () => this.reset());
    registry.add(this);
  }

  /** The kind this stream counts under. */
  get kind(): string {
    return this.setup.kind;
  }

  /** The token that opened it (for per-token counting only). */
  get token(): string {
    return this.setup.token;
  }

  /** True once the stream has ended (or was dropped). */
  get closed(): boolean {
    return this.done;
  }

  /** True while a stall fault keeps the stream silent. */
  get silent(): boolean {
    return this.stalled;
  }

  /** Writes one message, unless the stream is closed or stalled; applies the message faults. */
  send(msg: Res): boolean {
    if (this.done || this.stalled) return false;
    const f = this.ctx.faults;
    if (f.stallStreamAfter !== undefined && this.sent >= f.stallStreamAfter) {
      this.stall();
      return false;
    }
    if (f.dropStreamAfter !== undefined && this.sent >= f.dropStreamAfter) {
      this.fail(apiErrors.streamDropped());
      return false;
    }
    this.sent++;
    this.call.write(msg);
    return true;
  }

  /** Sends a ping now, answering a client's ping when `requestTime` is given. */
  sendPing(requestTime?: number): void {
    this.send(this.setup.ping(this.id, requestTime));
  }

  /** Restarts the ping timer with a new period. */
  setPingDelay(ms: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.sendPing(), ms);
  }

  /** Schedules `fn` after `ms` real ms, cancelled when the stream ends. */
  after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      if (!this.done && !this.stalled) fn();
    }, ms);
    this.timers.push(t);
    return t;
  }

  /** Goes silent for good: no data, no pings, no close (the client must notice on its own). */
  stall(): void {
    this.stalled = true;
    this.clearTimers();
  }

  /** Resets the stream with UNAVAILABLE (a broken connection as the client sees it). */
  reset(): void {
    this.fail(apiErrors.unavailable());
  }

  /** Ends the stream with an API error: status, numeric code in the details, `message` trailer. */
  fail(err: ApiError): void {
    if (this.done) return;
    this.finish();
    endWithError(this.call, err);
  }

  /** Ends the stream normally. */
  end(): void {
    if (this.done) return;
    this.finish();
    this.call.end();
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.clearTimers();
    this.registry.remove(this);
    this.setup.onClose();
  }
}

/** Ends a stream call with an API error the way the real API does. */
export function endWithError(call: Pick<StreamCall<unknown>, 'emit'>, err: ApiError): void {
  const trailers = new Metadata();
  trailers.set('message', err.message);
  trailers.set(TRACKING_HEADER, newTrackingId());
  const status = Object.assign(new Error(err.message), {
    code: err.grpcStatus,
    details: err.code || err.message,
    metadata: trailers,
  });
  call.emit('error', status);
}
