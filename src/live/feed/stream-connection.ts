/**
 * @module One MarketDataStream (bidirectional) of the feed: it asks for server pings every
 * `pingDelayMs`, subscribes candles with `waiting_close` (and trading status), answers each
 * subscription item as confirmed, to retry, or rejected, and watches itself: no message of any
 * kind within `deadAfterMs` of real time means the stream is dead (a silent stall), so it is
 * cancelled and reported like any other close.
 */
import { status, type ClientDuplexStream } from '@grpc/grpc-js';
import type { Candle } from '../../core/candle.ts';
import { streamCandleToCore } from '../../wire/convert/candle.ts';
import { fromSubscriptionInterval } from '../../wire/convert/interval.ts';
import { timestampToMs } from '../../wire/convert/timestamp.ts';
import { securityTradingStatusToJSON } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import type {
  MarketDataRequest,
  MarketDataResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { toTinkoffApiError, type TinkoffApiError } from '../client/api-error.ts';
import { readResponseMeta } from '../client/response-meta.ts';
import { seriesId } from './feed-events.ts';
import {
  candleAnswers,
  candlesRequest,
  infoAnswers,
  infoRequest,
  pingRequest,
  pingSettingsRequest,
  type ItemVerdict,
  type StreamItem,
} from './stream-requests.ts';

export { itemFor, type ItemVerdict, type StreamItem } from './stream-requests.ts';

/** Why a connection ended. */
export interface CloseReason {
  /** `dead`: silent past the bound; `error`: ended with a status; `end`: ended normally. */
  kind: 'dead' | 'error' | 'end';
  message: string;
  error?: TinkoffApiError;
  /** True when reconnecting cannot help (authentication, permissions, a malformed request). */
  fatal?: boolean;
  /** Real ms of silence that made a `dead` stream. */
  silentMs?: number;
}

/** What a connection reports, in stream order. */
export interface ConnectionHandlers {
  onSubscribed(id: string, verdict: ItemVerdict, detail: string): void;
  onInfoSubscribed(instrumentUid: string, verdict: ItemVerdict, detail: string): void;
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

const identity = (s: string) => s;

const FATAL = new Set<number>([
  status.UNAUTHENTICATED,
  status.PERMISSION_DENIED,
  status.INVALID_ARGUMENT,
  status.UNIMPLEMENTED,
]);

/** A live market-data stream. */
export class StreamConnection {
  private call: ClientDuplexStream<MarketDataRequest, MarketDataResponse> | undefined;
  private lastHeard = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private done = false;
  /** Candle requests awaiting their answer, oldest first: the items in request order. */
  private readonly pending: StreamItem[][] = [];
  /** Trading-status requests awaiting their answer. */
  private readonly pendingInfo: string[][] = [];
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
    call.write(pingSettingsRequest(this.settings.pingDelayMs));
    const tick = Math.max(5, Math.floor(this.settings.deadAfterMs / 4));
    this.watchdog = setInterval(() => this.check(), tick);
  }

  /** Subscribes candle items (and their instruments' trading status), then pings for venue time. */
  subscribe(items: readonly StreamItem[]): void {
    if (this.done || !this.call || items.length === 0) return;
    this.pending.push([...items]);
    this.write(candlesRequest(true, items));
    if (this.settings.subscribeInfo) this.subscribeInfo(items.map((i) => i.instrumentUid));
    this.ping();
  }

  /** Subscribes the trading status of instruments not yet subscribed on this stream. */
  subscribeInfo(uids: readonly string[]): void {
    const fresh = [...new Set(uids)].filter((u) => !this.infoUids.has(u));
    if (this.done || fresh.length === 0) return;
    for (const u of fresh) this.infoUids.add(u);
    this.pendingInfo.push(fresh);
    this.write(infoRequest(fresh));
  }

  /** Unsubscribes candle items (their answers are not awaited). */
  unsubscribe(items: readonly StreamItem[]): void {
    if (this.done || items.length === 0) return;
    this.pending.push([]);
    this.write(candlesRequest(false, items));
  }

  /** Asks the venue for a ping now (its answer carries venue time). */
  ping(): void {
    this.write(pingRequest());
  }

  /** Closes the stream from our side; `onClosed` is not called. */
  close(): void {
    if (this.done) return;
    this.done = true;
    this.stop();
  }

  private write(req: MarketDataRequest): void {
    if (this.done || !this.call) return;
    this.call.write(req);
  }

  private check(): void {
    const silent = performance.now() - this.lastHeard;
    if (silent <= this.settings.deadAfterMs) return;
    this.finish({
      kind: 'dead',
      silentMs: Math.round(silent),
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
    return { kind: 'error', message: error.message, error, fatal: FATAL.has(error.grpcCode) };
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
    } else if (m.subscribeInfoResponse) {
      this.answerInfo(m.subscribeInfoResponse.infoSubscriptions);
    } else if (m.tradingStatus) {
      const s = securityTradingStatusToJSON(m.tradingStatus.tradingStatus);
      this.handlers.onTradingStatus(
        m.tradingStatus.instrumentUid,
        s.replace('SECURITY_TRADING_STATUS_', '').toLowerCase(),
        timestampToMs(m.tradingStatus.time),
      );
    }
  }

  private answer(subs: Parameters<typeof candleAnswers>[1]): void {
    for (const a of candleAnswers(this.pending.shift() ?? [], subs)) {
      this.handlers.onSubscribed(a.item.id, a.verdict, a.detail);
    }
  }

  private answerInfo(subs: Parameters<typeof infoAnswers>[1]): void {
    for (const a of infoAnswers(this.pendingInfo.shift() ?? [], subs)) {
      // A refused status subscription may be asked again later.
      if (a.verdict !== 'ok') this.infoUids.delete(a.item);
      this.handlers.onInfoSubscribed(a.item, a.verdict, a.detail);
    }
  }
}
