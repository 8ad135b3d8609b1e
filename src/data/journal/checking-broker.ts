/**
 * @module The checking wrapper for replays through the simulated broker (backtest and paper runs):
 * the strategy trades against the same models again, and every decision, ack, cancel and order
 * event must equal the recorded one, in the same position; the first that does not stops the
 * replay with a ReplayDivergenceError.
 */
import { sortedKeys } from '../../engine/backtest/fingerprint.ts';
import type { Broker, OrderUpdate } from '../../engine/ports/broker.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { JournalEvent, RunSoFar } from '../../engine/ports/order-journal.ts';
import { DecisionMatcher, ReplayDivergenceError, type MatcherOptions } from './decision-matcher.ts';
import { ObservedBroker, type EventPosition } from './observed-broker.ts';

/** A checking wrapper and what it has matched. */
export interface CheckedBroker {
  broker: Broker;
  /** Ends the check: every recorded call and event must have been replayed. */
  finish(): { decisions: number; cancels: number; events: number };
}

const eventText = (u: OrderUpdate, p: Omit<JournalEvent, 'update'>) =>
  `${JSON.stringify(sortedKeys(u))} (${p.phase}${p.ref === undefined ? '' : ` ${p.ref}`} after candle ${p.at})`;

/**
 * The simulated broker, except that a decision the run's risk guards refused (`risk-limit`: a
 * guard below the strategy, not the simulator, said no) is answered from the record, with its
 * recorded events, so a replay without the live guards still sees the same refusals.
 */
function withRecordedRefusals(inner: Broker, run: Pick<RunSoFar, 'decisions' | 'events'>): Broker {
  let submits = 0;
  let listener: (u: OrderUpdate) => void = () => {};
  const wrapped: Broker = Object.create(inner) as Broker;
  wrapped.setUpdateListener = (l) => {
    listener = l;
    inner.setUpdateListener(l);
  };
  wrapped.submit = (request) => {
    const d = run.decisions[submits++];
    if (d === undefined || d.ack.accepted || d.ack.code !== 'risk-limit') return inner.submit(request);
    for (const e of run.events) if (e.phase === 'submit' && e.ref === d.seq) listener(e.update);
    return { orderId: d.orderId, ...d.ack };
  };
  return wrapped;
}

/** Wraps the replay's simulated broker so it must reproduce `run`. */
export function checkingBroker(
  inner: Broker,
  clock: Clock,
  run: Pick<RunSoFar, 'decisions' | 'cancels' | 'events'>,
  options: MatcherOptions = {},
): CheckedBroker {
  const matcher = new DecisionMatcher(run, options);
  let at = 0;
  let events = 0;
  const diverge = (seq: number, recorded?: string, replayed?: string): never => {
    throw new ReplayDivergenceError({ kind: 'event', seq, at, recorded, replayed });
  };
  const broker = new ObservedBroker(withRecordedRefusals(inner, run), clock, {
    beforeSubmit: (request, pos) => void matcher.submit(request, pos.at, pos.time),
    submitted: (_request, ack, pos) => {
      const d = run.decisions[pos.seq];
      const same =
        d.orderId === ack.orderId &&
        d.ack.accepted === ack.accepted &&
        d.ack.pending === ack.pending &&
        d.ack.code === ack.code;
      if (!same) {
        throw new ReplayDivergenceError({
          kind: 'decision',
          seq: pos.seq,
          at: pos.at,
          recorded: `ack ${JSON.stringify({ orderId: d.orderId, ...d.ack })}`,
          replayed: `ack ${JSON.stringify(ack)}`,
        });
      }
    },
    cancelled: (orderId, ok, pos) => {
      const c = matcher.cancel(orderId, pos.at);
      if (c.ok !== ok) diverge(pos.seq, `cancel answered ${c.ok}`, `cancel answered ${ok}`);
    },
    event: (update, pos: EventPosition) => {
      const e = run.events[pos.seq];
      const got = eventText(update, pos);
      if (e === undefined) diverge(pos.seq, undefined, got);
      const want = eventText(e.update, e);
      if (want !== got) diverge(pos.seq, want, got);
      events++;
    },
    hook: (n) => {
      at = n;
      matcher.hook(n);
    },
  });
  return {
    broker,
    finish: () => {
      matcher.finish(at);
      if (events < run.events.length) {
        const e = run.events[events];
        diverge(events, eventText(e.update, e), undefined);
      }
      return { decisions: matcher.decisions, cancels: matcher.cancels, events };
    },
  };
}
