/**
 * @module One market-data stream: its subscriptions, the requests that change them (counted
 * against the per-minute subscription request limit), `get_my_subscriptions`, client pings and
 * `ping_settings`, the venue-clock listener that feeds it, and the 80004 close of a stream left
 * without subscriptions.
 */
import {
  SubscriptionAction,
  SubscriptionStatus,
  type MarketDataRequest,
  type MarketDataResponse,
  type MarketDataServerSideStreamRequest,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { msToTimestamp, timestampToMs } from '../../wire/convert/timestamp.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import type { RateLimiter } from '../policy/rate-limiter.ts';
import { chunkMessages, initialMessages } from './md-feed.ts';
import {
  decodeBooks,
  decodeCandles,
  decodePlain,
  encodeResults,
  type Decoded,
} from './md-requests.ts';
import { Subscriptions, type SubKind } from './md-subscriptions.ts';
import { StreamShell, type StreamCall } from './stream-shell.ts';

/** Stream kind for connection counting. */
export const MD_STREAM = 'MarketDataStream';
/** Scope of the subscription request limiter. */
export const SUBSCRIPTION_SCOPE = 'subscriptions';
const KINDS: readonly SubKind[] = ['candle', 'book', 'trade', 'info', 'price'];

/** A live market-data stream. */
export class MarketDataSession {
  private readonly subs: Subscriptions;
  private readonly shell: StreamShell<MarketDataResponse>;
  private readonly offClock: () => void;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: EmulatorContext,
    call: StreamCall<MarketDataResponse>,
    token: string,
    private readonly requestLimiter: RateLimiter,
  ) {
    this.subs = new Subscriptions(ctx.directory, ctx.streamOptions.maxSubscriptions);
    this.shell = new StreamShell(ctx, ctx.streams, call, {
      kind: MD_STREAM,
      token,
      ping: (streamId, requestTime) => ({
        ping: {
          time: msToTimestamp(ctx.now()),
          streamId,
          pingRequestTime: requestTime === undefined ? undefined : msToTimestamp(requestTime),
        },
      }),
      onClose: () => this.offClock(),
    });
    this.offClock = ctx.clock.onAdvance((from, to) => this.advance(from, to));
    this.watchIdle();
  }

  /** Handles one client message (or the server-side stream's whole request). */
  handle(req: MarketDataRequest | MarketDataServerSideStreamRequest): void {
    if (this.shell.closed) return;
    const decoded: Decoded[] = [];
    if (req.subscribeCandlesRequest) decoded.push(decodeCandles(req.subscribeCandlesRequest));
    if (req.subscribeOrderBookRequest) decoded.push(decodeBooks(req.subscribeOrderBookRequest));
    if (req.subscribeTradesRequest) decoded.push(decodePlain('trade', req.subscribeTradesRequest));
    if (req.subscribeInfoRequest) decoded.push(decodePlain('info', req.subscribeInfoRequest));
    if (req.subscribeLastPriceRequest) {
      decoded.push(decodePlain('price', req.subscribeLastPriceRequest));
    }
    for (const d of decoded) this.change(d);
    if (req.pingSettings?.pingDelayMs !== undefined) {
      const o = this.ctx.streamOptions;
      const ms = Math.min(
        o.maxPingDelayMs,
        Math.max(o.minPingDelayMs, req.pingSettings.pingDelayMs),
      );
      this.shell.setPingDelay(ms);
    }
    if ('getMySubscriptions' in req && req.getMySubscriptions) this.listSubscriptions();
    if ('ping' in req && req.ping)
      this.shell.sendPing(timestampToMs(req.ping.time) ?? this.ctx.now());
  }

  /** The client closed its side: end the stream normally. */
  end(): void {
    this.shell.end();
  }

  private change(d: Decoded): void {
    const denied = !this.requestLimiter.take(SUBSCRIPTION_SCOPE, this.shell.id).allowed;
    const results = this.subs.apply(d.kind, d.action, d.items, denied);
    this.shell.send(encodeResults(d.kind, d.action, results, this.shell.id));
    for (const r of results) {
      if (r.created && r.sub) for (const m of initialMessages(this.ctx, r.sub)) this.shell.send(m);
    }
    this.watchIdle();
  }

  private listSubscriptions(): void {
    for (const kind of KINDS) {
      const results = this.subs.list(kind).map((s) => ({
        status: SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS,
        wanted: {
          instrumentId: s.inst.uid,
          interval: s.interval,
          depth: s.depth,
          waitingClose: s.waitingClose,
        },
        inst: s.inst,
        sub: s,
        created: false,
      }));
      this.shell.send(
        encodeResults(
          kind,
          SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          results,
          this.shell.id,
        ),
      );
    }
  }

  private advance(from: number, to: number): void {
    if (this.subs.size === 0 || this.shell.closed || this.shell.silent) return;
    for (const msg of chunkMessages(this.ctx, this.subs.list(), from, to)) {
      if (!this.shell.send(msg)) return;
    }
  }

  /** Arms the 80004 close while the stream has no subscriptions, disarms it otherwise. */
  private watchIdle(): void {
    if (this.subs.size > 0) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      return;
    }
    this.idleTimer ??= this.shell.after(this.ctx.streamOptions.idleCloseMs, () =>
      this.shell.fail(apiErrors.noSubscriptions()),
    );
  }
}
