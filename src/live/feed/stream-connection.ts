/**
 * @module One MarketDataStream (bidirectional) of the feed: it asks for server pings every
 * `pingDelayMs`, subscribes candles with `waiting_close` (and trading status), answers each
 * subscription item as confirmed, to retry, or rejected, and watches itself: no message of any
 * kind within `deadAfterMs` of real time means the stream is dead (a silent stall), so it is
 * cancelled and reported like any other close.
 */
import type { ClientDuplexStream } from '@grpc/grpc-js';
import type { Candle } from '../../core/candle.ts';
import type { Interval } from '../../core/interval.ts';
import { streamCandleToCore } from '../../wire/convert/candle.ts';
import { fromSubscriptionInterval, toSubscriptionInterval } from '../../wire/convert/interval.ts';
import { msToTimestamp, timestampToMs } from '../../wire/convert/timestamp.ts';
import { securityTradingStatusToJSON } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  SubscriptionAction,
  SubscriptionStatus,
  subscriptionStatusToJSON,
  type MarketDataRequest,
  type MarketDataResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { toTinkoffApiError, type TinkoffApiError } from '../client/api-error.ts';
import { readResponseMeta } from '../client/response-meta.ts';
import { seriesId } from './feed-events.ts';

/** One candle subscription as the stream knows it. */
export interface StreamItem {
  id: string;
  instrumentUid: string;
  interval: Interval;
}

/** How a subscription item was answered. */
export type ItemVerdict = 'ok' | 'retry' | 'rejected';

/** Why a connection ended. */
export interface CloseReason {
  /** `dead`: silent past the bound; `error`: ended with a status; `end`: ended normally. */
  kind: 'dead' | 'error' | 'end';
  message: string;
  error?: TinkoffApiError;
}

/** What a connection reports, in stream order. */
export interface ConnectionHandlers {
  onSubscribed(id: string, verdict: ItemVerdict, detail: string): void;
  onCandle(id: string, candle: Candle): void;
  onPing(venueNow: number): void;
  onTradingStatus(instrumentUid: string, status: string, time: number | undefined): void;
  /** Called once, unless the connection was closed by its owner. */
  onClosed(reason: CloseReason): void;
}

/** Settings of one connection. */
export interface ConnectionSettings {
  pingDelayMs: number;
  deadAfterMs: number;
  subscribeInfo: boolean;
}

/** The generated stub's bidirectional method. */
export interface MarketDataStreamStub {
  marketDataStream(): ClientDuplexStream<MarketDataRequest, MarketDataResponse>;
}

const RETRY_STATUSES: ReadonlySet<SubscriptionStatus> = new Set([
  SubscriptionStatus.SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS,
  SubscriptionStatus.SUBSCRIPTION_STATUS_INTERNAL_ERROR,
]);

const identity = (s: string) => s;

/** A live market-data stream. */
export class StreamConnection {
  private call: ClientDuplexStream<MarketDataRequest, MarketDataResponse> | undefined;
  private lastHeard = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private done = false;
  /** Requests awaiting their answer, oldest first: the item ids in request order. */
  private readonly pending: StreamItem[][] = [];
  private readonly infoUids = new Set<string>();

  constructor(
    private readonly stub: MarketDataStreamStub,
    private readonly settings: ConnectionSettings,
    private readonly handlers: ConnectionHandlers,
  ) {}

  /** Opens the stream and asks for pings. */
  open(): void {
    const call = this.stub.marketDataStream();
    this.call = call;
    this.lastHeard = performance.now();
    call.on('data', (m: MarketDataResponse) => this.handle(m));
    call.on('error', (err) => this.finish(this.errorReason(err)));
    call.on('end', () => this.finish({ kind: 'end', message: 'the venue ended the stream' }));
    call.write({ pingSettings: { pingDelayMs: this.settings.pingDelayMs } } as MarketDataRequest);
    const tick = Math.max(5, Math.floor(this.settings.deadAfterMs / 4));
    this.watchdog = setInterval(() => this.check(), tick);
  }

  /** Subscribes candle items (and their instruments' trading status), then pings for venue time. */
  subscribe(items: readonly StreamItem[]): void {
    if (this.done || !this.call || items.length === 0) return;
    this.pending.push([...items]);
    this.write({
      subscribeCandlesRequest: {
        subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
        waitingClose: true,
        instruments: items.map((i) => ({
          figi: '',
          instrumentId: i.instrumentUid,
          interval: toSubscriptionInterval(i.interval),
        })),
      },
    });
    const uids = [...new Set(items.map((i) => i.instrumentUid))].filter(
      (u) => !this.infoUids.has(u),
    );
    if (this.settings.subscribeInfo && uids.length > 0) {
      for (const u of uids) this.infoUids.add(u);
      this.write({
        subscribeInfoRequest: {
          subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          instruments: uids.map((u) => ({ figi: '', instrumentId: u })),
        },
      });
    }
    this.ping();
  }

  /** Unsubscribes candle items (their answers are not awaited). */
  unsubscribe(items: readonly StreamItem[]): void {
    if (this.done || items.length === 0) return;
    this.pending.push([]);
    this.write({
      subscribeCandlesRequest: {
        subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_UNSUBSCRIBE,
        waitingClose: true,
        instruments: items.map((i) => ({
          figi: '',
          instrumentId: i.instrumentUid,
          interval: toSubscriptionInterval(i.interval),
        })),
      },
    });
  }

  /** Asks the venue for a ping now (its answer carries venue time). */
  ping(): void {
    this.write({ ping: { time: msToTimestamp(Date.now()) } });
  }

  /** Closes the stream from our side; `onClosed` is not called. */
  close(): void {
    if (this.done) return;
    this.done = true;
    this.stop();
  }

  private write(req: Partial<MarketDataRequest>): void {
    if (this.done || !this.call) return;
    this.call.write(req as MarketDataRequest);
  }

  private check(): void {
    const silent = performance.now() - this.lastHeard;
    if (silent <= this.settings.deadAfterMs) return;
    this.finish({
      kind: 'dead',
      message: `no data and no ping for ${Math.round(silent)} ms (bound ${this.settings.deadAfterMs} ms)`,
    });
  }

  private errorReason(err: unknown): CloseReason {
    const meta = readResponseMeta((err as { metadata?: never }).metadata);
    const error = toTinkoffApiError(err, {
      method: 'MarketDataStreamService/MarketDataStream',
      idempotent: true,
      sandbox: false,
      meta,
      redact: identity,
    });
    return { kind: 'error', message: error.message, error };
  }

  private finish(reason: CloseReason): void {
    if (this.done) return;
    this.done = true;
    this.stop();
    this.handlers.onClosed(reason);
  }

  private stop(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    const call = this.call;
    if (!call) return;
    call.removeAllListeners('data');
    call.on('error', () => undefined);
    call.cancel();
  }

  private handle(m: MarketDataResponse): void {
    if (this.done) return;
    this.lastHeard = performance.now();
    if (m.candle) {
      const interval = fromSubscriptionInterval(m.candle.interval);
      if (interval)
        this.handlers.onCandle(
          seriesId(m.candle.instrumentUid, interval),
          streamCandleToCore(m.candle),
        );
    } else if (m.ping) {
      const t = timestampToMs(m.ping.time);
      if (t !== undefined) this.handlers.onPing(t);
    } else if (m.subscribeCandlesResponse) {
      this.answer(m.subscribeCandlesResponse.candlesSubscriptions);
    } else if (m.tradingStatus) {
      const s = securityTradingStatusToJSON(m.tradingStatus.tradingStatus);
      this.handlers.onTradingStatus(
        m.tradingStatus.instrumentUid,
        s.replace('SECURITY_TRADING_STATUS_', '').toLowerCase(),
        timestampToMs(m.tradingStatus.time),
      );
    }
  }

  private answer(
    subs: readonly {
      instrumentUid: string;
      figi: string;
      interval: number;
      subscriptionStatus: SubscriptionStatus;
    }[],
  ): void {
    const asked = this.pending.shift() ?? [];
    subs.forEach((s, k) => {
      const interval = fromSubscriptionInterval(s.interval);
      const item =
        (asked.length === subs.length ? asked[k] : undefined) ??
        asked.find(
          (a) =>
            a.interval === interval &&
            (a.instrumentUid === s.instrumentUid || a.instrumentUid === s.figi),
        );
      if (!item) return;
      const status = s.subscriptionStatus;
      const verdict: ItemVerdict =
        status === SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS
          ? 'ok'
          : RETRY_STATUSES.has(status)
            ? 'retry'
            : 'rejected';
      this.handlers.onSubscribed(item.id, verdict, subscriptionStatusToJSON(status));
    });
  }
}

/** The id of a stream item for a series. */
export function itemFor(instrumentUid: string, interval: Interval): StreamItem {
  return { id: seriesId(instrumentUid, interval), instrumentUid, interval };
}
