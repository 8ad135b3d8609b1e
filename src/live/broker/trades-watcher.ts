/**
 * @module The account's order stream, kept open: OrderStateStream when the venue has it (every
 * state change of every order, cancellations and expiries included), else TradesStream (the
 * executions only): the first OrderStateStream that fails before it was ever confirmed makes the
 * watcher fall back to TradesStream for good. It reports each OrderTrades event and order state,
 * says when the stream is up (subscription confirmed) and when it went down (an error, an end, or
 * silence past the stall bound: no data and no ping), and reconnects with exponential backoff,
 * reset once a new subscription is confirmed.
 */
import type { ClientReadableStream } from '@grpc/grpc-js';
import { ResultSubscriptionStatus } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  OrderStateStreamRequest,
  OrdersStreamServiceClient,
  TradesStreamRequest,
  type OrderStateStreamResponse,
  type OrderStateStreamResponse_OrderState,
  type OrderTrades,
  type TradesStreamResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { TinvestClient } from '../client/tinvest-client.ts';

/** Stream settings. */
export interface TradesWatcherOptions {
  /** Server ping period asked for (5000..180000, default 5000). */
  pingDelayMs?: number;
  /** Silence (no data, no ping) after which the stream counts as dead (default 3 pings). */
  stallMs?: number;
  /** First reconnect delay, doubled on each failure (default 250 ms). */
  reconnectInitialMs?: number;
  /** Largest reconnect delay (default 10 000 ms). */
  reconnectMaxMs?: number;
  /** Try OrderStateStream first (default true); false: TradesStream only. */
  orderStateStream?: boolean;
}

type StreamMessage = TradesStreamResponse & Partial<OrderStateStreamResponse>;

/** What the watcher reports. */
export interface TradesWatcherHooks {
  onTrades(t: OrderTrades): void;
  /** An order's new state (OrderStateStream only). */
  onOrderState?(s: OrderStateStreamResponse_OrderState): void;
  /** OrderStateStream is not to be had: TradesStream from here on. */
  onFallback?(reason: string): void;
  /** The subscription is confirmed; `reconnect` is false the first time. */
  onUp(reconnect: boolean): void;
  onDown(reason: string, retryInMs: number): void;
}

export class TradesWatcher {
  private stub: OrdersStreamServiceClient | undefined;
  private call: ClientReadableStream<StreamMessage> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private wasUp = false;
  private closed = false;
  private useState: boolean;
  private readonly ping: number;
  private readonly stall: number;

  constructor(
    private readonly client: TinvestClient,
    private readonly accountId: string,
    private readonly hooks: TradesWatcherHooks,
    private readonly options: TradesWatcherOptions = {},
  ) {
    this.ping = Math.min(180_000, Math.max(5000, options.pingDelayMs ?? 5000));
    this.stall = options.stallMs ?? 3 * this.ping;
    this.useState = options.orderStateStream ?? true;
  }

  /** Which stream it reads (or will read next). */
  get stream(): 'OrderStateStream' | 'TradesStream' {
    return this.useState ? 'OrderStateStream' : 'TradesStream';
  }

  /** Opens the stream (once). */
  start(): void {
    if (this.closed || this.call) return;
    this.stub ??= this.client.raw.stub(OrdersStreamServiceClient);
    const accounts = [this.accountId];
    const call: ClientReadableStream<StreamMessage> = this.useState
      ? this.stub.orderStateStream(
          OrderStateStreamRequest.fromPartial({ accounts, pingDelayMillis: this.ping }),
        )
      : this.stub.tradesStream(
          TradesStreamRequest.fromPartial({ accounts, pingDelayMs: this.ping }),
        );
    this.call = call;
    let ended = false;
    const down = (reason: string) => {
      if (ended) return;
      ended = true;
      this.lost(call, reason);
    };
    this.arm(() => down(`no data or ping for ${this.stall} ms`));
    call.on('data', (m: StreamMessage) => {
      this.arm(() => down(`no data or ping for ${this.stall} ms`));
      if (m.subscription) {
        const ok = m.subscription.status === ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_OK;
        if (!ok) return down(`subscription refused: ${m.subscription.error?.message ?? 'error'}`);
        this.failures = 0;
        this.hooks.onUp(this.wasUp);
        this.wasUp = true;
      } else if (m.orderTrades) {
        this.hooks.onTrades(m.orderTrades);
      } else if (m.orderState) {
        this.hooks.onOrderState?.(m.orderState);
      }
    });
    call.on('error', (e: Error) => down(e.message));
    call.on('end', () => down('the stream ended'));
  }

  private arm(onSilence: () => void): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(onSilence, this.stall);
  }

  private lost(call: ClientReadableStream<StreamMessage>, reason: string): void {
    clearTimeout(this.watchdog);
    if (this.call === call) this.call = undefined;
    call.removeAllListeners('data');
    call.on('error', () => undefined);
    call.cancel();
    if (this.closed) return;
    if (this.useState && !this.wasUp) {
      // Never confirmed: this venue (a sandbox, an older host) does not serve it.
      this.useState = false;
      this.hooks.onFallback?.(reason);
    }
    const initial = this.options.reconnectInitialMs ?? 250;
    const delay = Math.min(this.options.reconnectMaxMs ?? 10_000, initial * 2 ** this.failures);
    this.failures++;
    this.hooks.onDown(reason, delay);
    this.retry = setTimeout(() => this.start(), delay);
  }

  /** Closes the stream for good. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.watchdog);
    const call = this.call;
    this.call = undefined;
    if (call) {
      call.removeAllListeners('data');
      call.on('error', () => undefined);
      call.cancel();
    }
  }
}
