/**
 * @module Journaling wrappers: attach an OrderJournal to a run without touching the kernel. The feed
 * wrapper records every candle the inner feed delivers, per series (for a live run, the recorded
 * stream a replay reads back); the broker wrapper records each submit with its ack as a decision,
 * each cancel, and every order event before the kernel receives it, in delivery order.
 */
import type { CandleBatch } from '../../core/candle.ts';
import { closeTime } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { Broker } from '../../engine/ports/broker.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import type { OrderJournal, RunSoFar } from '../../engine/ports/order-journal.ts';
import { ObservedBroker, type BrokerObserver, type PositionStart } from './observed-broker.ts';

type Batches = Iterable<CandleBatch> | AsyncIterable<CandleBatch>;

/** A feed that records every candle it hands on into the run's journal. */
export class JournalingFeed implements MarketDataFeed {
  constructor(
    private readonly inner: MarketDataFeed,
    private readonly journal: OrderJournal,
    private readonly runId: string,
  ) {}

  read(series: SeriesKey, range: TimeRange): Batches {
    const src = this.inner.read(series, range);
    const { journal, runId } = this;
    const done = () => journal.recordCoverage(runId, series, range);
    const record = (b: CandleBatch) => {
      if (b.length === 0) return;
      for (let i = 0; i < b.length; i++) {
        this.journal.recordCandle(this.runId, series, {
          time: b.time[i],
          open: b.open[i],
          high: b.high[i],
          low: b.low[i],
          close: b.close[i],
          volume: b.volume[i],
        });
      }
      // Everything up to the last candle's close has been received (a stream is in order).
      const through = closeTime(series.interval, b.time[b.length - 1]);
      journal.recordCoverage(runId, series, { from: range.from, to: Math.min(through, range.to) });
    };
    if (Symbol.asyncIterator in src) {
      return (async function* () {
        for await (const b of src) {
          record(b);
          yield b;
        }
        done();
      })();
    }
    return (function* () {
      for (const b of src) {
        record(b);
        yield b;
      }
      done();
    })();
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    return this.inner.missing(series, range);
  }

  sources(series: SeriesKey, range: TimeRange): string[] {
    return this.inner.sources?.(series, range) ?? [];
  }
}

/** The observer that writes a broker's traffic to the journal. */
export function journalObserver(journal: OrderJournal, runId: string): BrokerObserver {
  return {
    submitted(request, ack, pos) {
      const { orderId, accepted, pending, code, reason } = ack;
      journal.recordDecision(runId, {
        seq: pos.seq,
        time: pos.time,
        orderId,
        request,
        ack: {
          accepted,
          pending,
          ...(code === undefined ? {} : { code }),
          ...(reason === undefined ? {} : { reason }),
        },
        at: pos.at,
        ...(pos.cause === undefined ? {} : { cause: pos.cause }),
      });
    },
    cancelled(orderId, ok, pos) {
      journal.recordCancel(runId, { seq: pos.seq, time: pos.time, orderId, ok, at: pos.at });
    },
    event(update, pos) {
      journal.recordEvent(runId, { ...pos, update });
    },
  };
}

/** Where a resumed run's broker wrapper continues numbering from. */
export function positionAfter(so: RunSoFar): PositionStart {
  const last = Math.max(
    0,
    ...so.decisions.map((d) => d.at),
    ...so.events.map((e) => e.at),
    ...so.cancels.map((c) => c.at),
  );
  return {
    decisions: so.decisions.length,
    cancels: so.cancels.length,
    events: so.events.length,
    at: last,
  };
}

/** Wraps `broker` so the run's decisions, cancels and events go to the journal. */
export function journalingBroker(
  broker: Broker,
  clock: Clock,
  journal: OrderJournal,
  runId: string,
  resumeFrom?: RunSoFar,
): Broker {
  const start = resumeFrom === undefined ? undefined : positionAfter(resumeFrom);
  return new ObservedBroker(broker, clock, journalObserver(journal, runId), start);
}
