/**
 * @module A feed that, when a live run's window ends, holds the last read open until the broker has
 * no open market orders left (or a time limit passes), so executions the venue is still reporting
 * reach the portfolio and the result instead of arriving after the run has been assembled.
 */
import type { CandleBatch } from '../../core/candle.ts';
import type { TimeRange } from '../../core/time.ts';
import type { Broker } from '../../engine/ports/broker.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';

/** Waits (real time) until `broker` has no open market order, checking every `everyMs`. */
export async function settle(broker: Broker, limitMs: number, everyMs = 20): Promise<boolean> {
  const until = Date.now() + limitMs;
  for (;;) {
    if (!broker.openOrders().some((o) => o.request.type === 'market')) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Wraps `inner`; `brokerOf()` is read when a read ends (the broker exists once the run started). */
export class SettlingFeed implements MarketDataFeed {
  constructor(
    private readonly inner: MarketDataFeed,
    private readonly brokerOf: () => Broker | undefined,
    private readonly limitMs: number,
  ) {}

  read(series: SeriesKey, range: TimeRange): AsyncIterable<CandleBatch> {
    const src = this.inner.read(series, range);
    const { brokerOf, limitMs } = this;
    return (async function* () {
      yield* src;
      const broker = brokerOf();
      if (broker !== undefined) await settle(broker, limitMs);
    })();
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    return this.inner.missing(series, range);
  }

  sources(series: SeriesKey, range: TimeRange): string[] {
    return this.inner.sources?.(series, range) ?? [];
  }
}
