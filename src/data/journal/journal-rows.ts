/**
 * @module Rows of the journal's tables and their conversion to the port's and the read model's
 * types. JSON columns are parsed here, once, so the rest of the journal deals in typed values.
 */
import type { Instrument } from '../../core/instrument.ts';
import type {
  JournalCancel,
  JournalDecision,
  JournalEvent,
  JournalMode,
  JournalOutcome,
  RunStartMeta,
} from '../../engine/ports/order-journal.ts';
import type { Metrics } from '../../engine/result.ts';

/** A row of `runs`. */
export interface RunRow {
  run_id: string;
  mode: string;
  strategy: string;
  source_hash: string;
  params: string;
  models: string;
  instruments: string;
  intervals: string;
  from_time: number;
  to_time: number;
  starting_cash: number;
  account_id: string | null;
  outcome: string;
  started_at: number;
  ended_at: number | null;
  metrics: string | null;
  counters: string | null;
  resumed: number;
  pid: number | null;
  host: string | null;
  guards: string | null;
}

/** A row of `decisions`. */
export interface DecisionRow {
  seq: number;
  time: number;
  order_id: string;
  request: string;
  ack: string;
  at: number;
  cause: number | null;
}

/** A row of `cancels`. */
export interface CancelRow {
  seq: number;
  time: number;
  order_id: string;
  ok: number;
  at: number;
}

/** A row of `order_events`. */
export interface EventRow {
  seq: number;
  update_json: string;
  phase: string;
  at: number;
  ref: number | null;
}

/** The start meta of a run row. */
export function metaOf(r: RunRow): RunStartMeta {
  return {
    mode: r.mode as JournalMode,
    strategy: r.strategy,
    strategySourceHash: r.source_hash,
    params: JSON.parse(r.params) as Record<string, unknown>,
    models: JSON.parse(r.models) as Record<string, unknown>,
    instruments: JSON.parse(r.instruments) as Instrument[],
    intervals: JSON.parse(r.intervals) as string[],
    from: r.from_time,
    to: r.to_time,
    startingCash: r.starting_cash,
    ...(r.account_id === null ? {} : { accountId: r.account_id }),
    startedAt: r.started_at,
  };
}

/** The run's outcome. */
export function outcomeOf(r: RunRow): JournalOutcome {
  return r.outcome as JournalOutcome;
}

/** The run's metrics, when it finished with them. */
export function metricsOf(r: RunRow): Metrics | undefined {
  return r.metrics === null ? undefined : (JSON.parse(r.metrics) as Metrics);
}

/** A decision row as the port's type. */
export function decisionOf(r: DecisionRow): JournalDecision {
  return {
    seq: r.seq,
    time: r.time,
    orderId: r.order_id,
    request: JSON.parse(r.request) as JournalDecision['request'],
    ack: JSON.parse(r.ack) as JournalDecision['ack'],
    at: r.at,
    ...(r.cause === null ? {} : { cause: r.cause }),
  };
}

/** A cancel row as the port's type. */
export function cancelOf(r: CancelRow): JournalCancel {
  return { seq: r.seq, time: r.time, orderId: r.order_id, ok: r.ok === 1, at: r.at };
}

/** An event row as the port's type. */
export function eventOf(r: EventRow): JournalEvent {
  return {
    seq: r.seq,
    update: JSON.parse(r.update_json) as JournalEvent['update'],
    phase: r.phase as JournalEvent['phase'],
    at: r.at,
    ...(r.ref === null ? {} : { ref: r.ref }),
  };
}
