/**
 * @module GrpcStreamFeed: the engine's MarketDataFeed over the T-Invest MarketDataStreamService.
 * A read yields the closed candles of a series in its range exactly once, oldest first: the part
 * already closed from the local cache (warm-up) and GetCandles, the rest from the stream with
 * `waiting_close`, across dead streams, venue closes and reconnects. It also tells the venue's
 * time as last seen, the instruments' trading status and whether every subscription is live.
 */
import type { CandleBatch } from '../../core/candle.ts';
import type { TimeRange } from '../../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import { MarketDataStreamServiceClient } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { TinvestClient } from '../client/tinvest-client.ts';
import type { LiveEvent } from './feed-events.ts';
import { readSeries } from './series-reader.ts';
import { StreamPool } from './stream-pool.ts';

/** Default server ping period asked for, in ms (the API allows 5 000..180 000). */
export const DEFAULT_PING_DELAY_MS = 15_000;
/** Added to twice the ping period for the default dead-stream bound, in ms. */
export const DEAD_MARGIN_MS = 5_000;
/** Default subscriptions per stream: the venue's cap. */
export const MAX_SUBSCRIPTIONS_PER_STREAM = 300;

/** How a GrpcStreamFeed is set up; only `client` is required. */
export interface GrpcStreamFeedOptions {
  /** The T-Invest client: its channel carries the streams, its GetCandles the backfill. */
  client: TinvestClient;
  /** The local cache (e.g. SqliteFeed) read first for the closed part of a read. */
  history?: MarketDataFeed;
  /** `ping_settings.ping_delay_ms` asked for (default 15 000). */
  pingDelayMs?: number;
  /** Silence (no data, no ping) in real ms after which a stream is dead (default 2 x ping + 5 000). */
  deadAfterMs?: number;
  /** Candle subscriptions per stream (default and maximum 300). */
  maxPerStream?: number;
  /** Also subscribe the instruments' trading status (default true). */
  subscribeInfo?: boolean;
  /** First reconnect delay in ms (default 250); it doubles up to `reconnectMaxDelayMs`. */
  reconnectInitialDelayMs?: number;
  /** Largest reconnect delay in ms (default 30 000). */
  reconnectMaxDelayMs?: number;
  /**
   * Venue ms past a range's last close that a finite read keeps waiting for a late candle
   * (default 0: our emulator sends a closed candle at its close; the real venue may be later).
   */
  closeGraceMs?: number;
  /** Receives `stream-connected`, `stream-dead`, `stream-reconnect`, `stream-backfill`, `subscription-rejected`. */
  onEvent?: (e: LiveEvent) => void;
  /** Real time for event stamps (default Date.now). */
  now?: () => number;
}

/** MarketDataFeed over the live market-data stream. */
export class GrpcStreamFeed implements MarketDataFeed {
  private readonly pool: StreamPool;
  private readonly emit: (e: Omit<LiveEvent, 'time'>) => void;
  private readonly closeGraceMs: number;
  /** The ping period asked of the venue, in ms. */
  readonly pingDelayMs: number;
  /** Real ms of silence after which a stream counts as dead. */
  readonly deadAfterMs: number;

  constructor(private readonly options: GrpcStreamFeedOptions) {
    const pingDelayMs = options.pingDelayMs ?? DEFAULT_PING_DELAY_MS;
    this.pingDelayMs = pingDelayMs;
    this.deadAfterMs = options.deadAfterMs ?? 2 * pingDelayMs + DEAD_MARGIN_MS;
    const maxPerStream = options.maxPerStream ?? MAX_SUBSCRIPTIONS_PER_STREAM;
    if (!(maxPerStream >= 1 && maxPerStream <= MAX_SUBSCRIPTIONS_PER_STREAM)) {
      throw new RangeError(
        `maxPerStream ${maxPerStream} must be 1..${MAX_SUBSCRIPTIONS_PER_STREAM}`,
      );
    }
    const now = options.now ?? Date.now;
    const sink = options.onEvent;
    this.emit = (e) => sink?.({ ...e, time: now() } as LiveEvent);
    this.closeGraceMs = options.closeGraceMs ?? 0;
    const stub = options.client.raw.stub(MarketDataStreamServiceClient);
    this.pool = new StreamPool(stub, {
      pingDelayMs,
      deadAfterMs: this.deadAfterMs,
      subscribeInfo: options.subscribeInfo ?? true,
      maxPerStream,
      reconnectInitialDelayMs: options.reconnectInitialDelayMs ?? 250,
      reconnectMaxDelayMs: options.reconnectMaxDelayMs ?? 30_000,
      emit: this.emit,
    });
  }

  /** Closed candles of `series` with open time in `range` (`to` may be Infinity), oldest first. */
  read(series: SeriesKey, range: TimeRange): AsyncIterable<CandleBatch> {
    return readSeries(
      {
        pool: this.pool,
        client: this.options.client,
        history: this.options.history,
        closeGraceMs: this.closeGraceMs,
        emit: this.emit,
      },
      series,
      range,
    );
  }

  /** The stream cannot know what it lacks: always empty. */
  missing(): TimeRange[] {
    return [];
  }

  /** The cache's labels for the range (warm-up), then `stream:<venue>`. */
  sources(series: SeriesKey, range: TimeRange): string[] {
    const venue = this.options.client.venue() ?? this.options.client.endpoint;
    const labels = [...(this.options.history?.sources?.(series, range) ?? []), `stream:${venue}`];
    return [...new Set(labels)];
  }

  /** Venue time as last seen (server pings, closed candles' close times); -Infinity before any. */
  venueTime(): number {
    return this.pool.venueTime();
  }

  /** Last trading status seen for an instrument (e.g. `normal_trading`), if subscribed. */
  tradingStatus(instrumentUid: string): string | undefined {
    return this.pool.tradingStatus(instrumentUid);
  }

  /** True when every subscription is confirmed on an open stream. */
  ready(): boolean {
    return this.pool.ready();
  }

  /** Open market-data streams. */
  streams(): number {
    return this.pool.streams();
  }

  /** Ends every open read cleanly and closes the streams (the kill switch calls it). */
  stop(): void {
    this.pool.close();
  }

  /** Same as stop(). */
  close(): void {
    this.stop();
  }
}
