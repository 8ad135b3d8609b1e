/**
 * @module Core Interval <-> the API's CandleInterval (GetCandles) and SubscriptionInterval (streams).
 * The two enums number their values differently after 5, so each has its own table.
 */
import type { Interval } from '../../core/interval.ts';
import {
  CandleInterval,
  SubscriptionInterval,
} from '../generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';

const TO_CANDLE: Record<Interval, CandleInterval> = {
  '1m': CandleInterval.CANDLE_INTERVAL_1_MIN,
  '2m': CandleInterval.CANDLE_INTERVAL_2_MIN,
  '3m': CandleInterval.CANDLE_INTERVAL_3_MIN,
  '5m': CandleInterval.CANDLE_INTERVAL_5_MIN,
  '10m': CandleInterval.CANDLE_INTERVAL_10_MIN,
  '15m': CandleInterval.CANDLE_INTERVAL_15_MIN,
  '30m': CandleInterval.CANDLE_INTERVAL_30_MIN,
  '1h': CandleInterval.CANDLE_INTERVAL_HOUR,
  '2h': CandleInterval.CANDLE_INTERVAL_2_HOUR,
  '4h': CandleInterval.CANDLE_INTERVAL_4_HOUR,
  '1d': CandleInterval.CANDLE_INTERVAL_DAY,
  '1w': CandleInterval.CANDLE_INTERVAL_WEEK,
  '1M': CandleInterval.CANDLE_INTERVAL_MONTH,
};

const TO_SUBSCRIPTION: Record<Interval, SubscriptionInterval> = {
  '1m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE,
  '2m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_2_MIN,
  '3m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_3_MIN,
  '5m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_FIVE_MINUTES,
  '10m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_10_MIN,
  '15m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_FIFTEEN_MINUTES,
  '30m': SubscriptionInterval.SUBSCRIPTION_INTERVAL_30_MIN,
  '1h': SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_HOUR,
  '2h': SubscriptionInterval.SUBSCRIPTION_INTERVAL_2_HOUR,
  '4h': SubscriptionInterval.SUBSCRIPTION_INTERVAL_4_HOUR,
  '1d': SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_DAY,
  '1w': SubscriptionInterval.SUBSCRIPTION_INTERVAL_WEEK,
  '1M': SubscriptionInterval.SUBSCRIPTION_INTERVAL_MONTH,
};

const invert = <T extends number>(table: Record<Interval, T>): Map<number, Interval> =>
  new Map(Object.entries(table).map(([k, v]) => [v as number, k as Interval]));

const FROM_CANDLE = invert(TO_CANDLE);
const FROM_SUBSCRIPTION = invert(TO_SUBSCRIPTION);

/** CandleInterval for a core interval. */
export function toCandleInterval(interval: Interval): CandleInterval {
  return TO_CANDLE[interval];
}

/** Core interval of a CandleInterval; undefined for UNSPECIFIED and the second-level intervals. */
export function fromCandleInterval(value: CandleInterval | number): Interval | undefined {
  return FROM_CANDLE.get(value);
}

/** SubscriptionInterval for a core interval. */
export function toSubscriptionInterval(interval: Interval): SubscriptionInterval {
  return TO_SUBSCRIPTION[interval];
}

/** Core interval of a SubscriptionInterval; undefined for UNSPECIFIED or unknown values. */
export function fromSubscriptionInterval(
  value: SubscriptionInterval | number,
): Interval | undefined {
  return FROM_SUBSCRIPTION.get(value);
}
