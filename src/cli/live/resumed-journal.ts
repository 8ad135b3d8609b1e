/**
 * @module The journal a resumed paper run writes through: the run's first decisions, cancels and
 * events are made again as the strategy replays what it received before, and are already in the
 * journal, so they are checked against it instead of written twice; a decision that comes out
 * differently stops the run (the strategy or its inputs changed), and everything after is written.
 */
import type { Candle } from '../../core/candle.ts';
import { UsageError } from '../../core/errors.ts';
import type { TimeRange } from '../../core/time.ts';
import type {
  JournalCancel,
  JournalDecision,
  JournalEvent,
  OrderJournal,
  RunSoFar,
} from '../../engine/ports/order-journal.ts';
import type { SeriesKey } from '../../engine/ports/market-data-feed.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Wraps `inner` for the resumption of `soFar`. */
export function resumedJournal(inner: OrderJournal, soFar: RunSoFar): OrderJournal {
  const diverged = (what: string, seq: number) =>
    new UsageError(
      `the resumed run made ${what} #${seq} differently from the journal`,
      'the strategy, its parameters or its candles changed; start a new run instead of resuming',
    );
  return {
    startRun: (meta) => inner.startRun(meta),
    recordCandle: (runId: string, series: SeriesKey, candle: Candle) =>
      inner.recordCandle(runId, series, candle),
    recordCoverage: (runId: string, series: SeriesKey, range: TimeRange) =>
      inner.recordCoverage(runId, series, range),
    recordDecision(runId: string, d: JournalDecision) {
      const was = soFar.decisions[d.seq];
      if (was === undefined) return inner.recordDecision(runId, d);
      if (!same(was.request, d.request) || was.orderId !== d.orderId)
        throw diverged('decision', d.seq);
    },
    recordCancel(runId: string, c: JournalCancel) {
      const was = soFar.cancels[c.seq];
      if (was === undefined) return inner.recordCancel(runId, c);
      if (was.orderId !== c.orderId) throw diverged('cancel', c.seq);
    },
    recordEvent(runId: string, e: JournalEvent) {
      const was = soFar.events[e.seq];
      if (was === undefined) return inner.recordEvent(runId, e);
      if (!same(was.update, e.update)) throw diverged('order event', e.seq);
    },
    recordError: (runId, time, message) => inner.recordError(runId, time, message),
    endRun: (runId, end) => inner.endRun(runId, end),
    readSoFar: (runId) => inner.readSoFar(runId),
  };
}
