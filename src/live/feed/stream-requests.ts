/**
 * @module The market-data stream messages the feed sends (candle subscriptions with
 * `waiting_close`, trading-status subscriptions, pings) and how it reads the venue's answers: each
 * item confirmed, to be retried (TOO_MANY_REQUESTS, INTERNAL_ERROR), or refused.
 */
import type { Interval } from '../../core/interval.ts';
import { fromSubscriptionInterval, toSubscriptionInterval } from '../../wire/convert/interval.ts';
import { msToTimestamp } from '../../wire/convert/timestamp.ts';
import {
  SubscriptionAction,
  SubscriptionStatus,
  subscriptionStatusToJSON,
  type MarketDataRequest,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { TlabError } from '../../core/errors.ts';
import { seriesId } from './feed-events.ts';

/** One candle subscription as the stream knows it. */
export interface StreamItem {
  id: string;
  instrumentUid: string;
  interval: Interval;
}

/** The id of a stream item for a series. */
export function itemFor(instrumentUid: string, interval: Interval): StreamItem {
  return { id: seriesId(instrumentUid, interval), instrumentUid, interval };
}

/** How a subscription item was answered. */
export type ItemVerdict = 'ok' | 'retry' | 'rejected';

/** One answered item: which request item it is, the verdict and the status name. */
export interface ItemAnswer<T> {
  item: T;
  verdict: ItemVerdict;
  detail: string;
}

const RETRY_STATUSES: ReadonlySet<SubscriptionStatus> = new Set([
  SubscriptionStatus.SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS,
  SubscriptionStatus.SUBSCRIPTION_STATUS_INTERNAL_ERROR,
]);

function verdictOf(s: SubscriptionStatus): ItemVerdict {
  if (s === SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS) return 'ok';
  return RETRY_STATUSES.has(s) ? 'retry' : 'rejected';
}

/** Subscribes or unsubscribes candle items, closed candles only. */
export function candlesRequest(
  subscribe: boolean,
  items: readonly StreamItem[],
): MarketDataRequest {
  return {
    subscribeCandlesRequest: {
      subscriptionAction: subscribe
        ? SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE
        : SubscriptionAction.SUBSCRIPTION_ACTION_UNSUBSCRIBE,
      waitingClose: true,
      instruments: items.map((i) => ({
        figi: '',
        instrumentId: i.instrumentUid,
        interval: toSubscriptionInterval(i.interval),
      })),
    },
  } as MarketDataRequest;
}

/** Subscribes the trading status of instruments. */
export function infoRequest(uids: readonly string[]): MarketDataRequest {
  return {
    subscribeInfoRequest: {
      subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
      instruments: uids.map((u) => ({ figi: '', instrumentId: u })),
    },
  } as MarketDataRequest;
}

/** A client ping; the venue answers with a ping carrying its time. */
export function pingRequest(): MarketDataRequest {
  return { ping: { time: msToTimestamp(Date.now()) } } as MarketDataRequest;
}

/** Asks the venue to ping every `ms`. */
export function pingSettingsRequest(ms: number): MarketDataRequest {
  return { pingSettings: { pingDelayMs: ms } } as MarketDataRequest;
}

/** The answered items of a candle subscription response, matched to what was asked. */
export function candleAnswers(
  asked: readonly StreamItem[],
  subs: readonly {
    instrumentUid: string;
    figi: string;
    interval: number;
    subscriptionStatus: SubscriptionStatus;
  }[],
): ItemAnswer<StreamItem>[] {
  const out: ItemAnswer<StreamItem>[] = [];
  subs.forEach((s, k) => {
    const interval = fromSubscriptionInterval(s.interval);
    // Answers come in request order; match by id as well in case a venue reorders them.
    const item =
      (asked.length === subs.length ? asked[k] : undefined) ??
      asked.find(
        (a) =>
          a.interval === interval &&
          (a.instrumentUid === s.instrumentUid || a.instrumentUid === s.figi),
      );
    if (item) {
      const detail = subscriptionStatusToJSON(s.subscriptionStatus);
      out.push({ item, verdict: verdictOf(s.subscriptionStatus), detail });
    }
  });
  return out;
}

/** The answered instruments of a trading-status subscription response. */
export function infoAnswers(
  asked: readonly string[],
  subs: readonly { instrumentUid: string; figi: string; subscriptionStatus: SubscriptionStatus }[],
): ItemAnswer<string>[] {
  return subs.map((s, k) => ({
    item: asked.length === subs.length ? asked[k] : s.instrumentUid || s.figi,
    verdict: verdictOf(s.subscriptionStatus),
    detail: subscriptionStatusToJSON(s.subscriptionStatus),
  }));
}

/** The error a read fails with when the venue refuses its candle subscription. */
export function refusalError(item: StreamItem, detail: string): TlabError {
  return new TlabError(
    `the venue refused the candle subscription ${item.instrumentUid} ${item.interval}: ${detail}`,
    'check the instrument uid and the interval (stream candles exist for 1m..1M, not for seconds)',
  );
}
