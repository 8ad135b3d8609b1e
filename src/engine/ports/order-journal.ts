/**
 * @module Port: the run journal, where a run writes what it receives and decides as it goes, so a
 * restarted run resumes without losing or repeating anything and a finished one can be listed,
 * compared and replayed. The SQLite journal (src/data/journal) implements it; journaling wrappers
 * around the feed and the broker write to it, so the kernel never knows it is journaled.
 *
 * Positions: every decision and event carries `at`, the number of execution candles the broker's
 * candle hook had seen when it happened. With `phase` it says where in the candle sequence an event
 * was delivered, which is what a replay needs to deliver it at the same point again.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { TimeRange } from '../../core/time.ts';
import type { Metrics } from '../result.ts';
import type { OrderRequest, OrderUpdate, RejectCode } from './broker.ts';
import type { SeriesKey } from './market-data-feed.ts';

/** Where a run executed (the same names as the app's RunMode). */
export type JournalMode = 'backtest' | 'paper' | 'sandbox' | 'live';

/** How a run ended; `running` while it goes or when it was killed without a chance to say. */
export type JournalOutcome = 'running' | 'completed' | 'stopped' | 'failed' | 'killed';

/** What a run is: written once, at its start. */
export interface RunStartMeta {
  mode: JournalMode;
  strategy: string;
  /** sha256 of the strategy's source. */
  strategySourceHash: string;
  /** Parameters as the strategy parsed them. */
  params: Record<string, unknown>;
  /** Fill, fee and slippage specs (simulated runs) or the venue host (sandbox, live). */
  models: Record<string, unknown>;
  /** Full specs: a replay builds the same kernel from them. */
  instruments: readonly Instrument[];
  intervals: readonly string[];
  /** Decision period [from, to) in epoch ms UTC. */
  from: number;
  to: number;
  startingCash: number;
  /** Account at the venue (sandbox, live). */
  accountId?: string;
  /** Wall-clock start of the process (epoch ms); the journal's edge may take it from the system. */
  startedAt: number;
}

/** The immediate answer to one submit, as recorded. */
export interface JournalAck {
  accepted: boolean;
  pending: boolean;
  code?: RejectCode;
  reason?: string;
}

/** One submit: the request, its ack and where it happened. */
export interface JournalDecision {
  /** Order of decisions within the run, from 0. */
  seq: number;
  /** Clock time of the decision. */
  time: number;
  orderId: string;
  request: OrderRequest;
  ack: JournalAck;
  /** Execution candles seen by the broker's candle hook before the decision. */
  at: number;
  /**
   * Seq of the event whose out-of-step delivery (phase `outside`) the decision was made in, when
   * it was made in one: a replay delivers that event at the next candle hook, so the decision
   * comes one candle later there.
   */
  cause?: number;
}

/** One cancel request and the broker's answer. */
export interface JournalCancel {
  seq: number;
  time: number;
  orderId: string;
  /** What `cancel` returned. */
  ok: boolean;
  at: number;
}

/**
 * Where an order event was delivered: inside a submit (`ref` = the decision's seq), inside a
 * cancel (`ref` = the cancel's seq), inside the broker's candle hook of execution candle number
 * `at` (counted from 1), or outside any call, after `at` candles (a live venue's stream).
 */
export type EventPhase = 'submit' | 'cancel' | 'hook' | 'outside';

/** One order event as the kernel received it. */
export interface JournalEvent {
  /** Order of events within the run, from 0. */
  seq: number;
  update: OrderUpdate;
  phase: EventPhase;
  at: number;
  /** Decision or cancel seq for the `submit` and `cancel` phases. */
  ref?: number;
}

/** How a run ended. */
export interface RunEnd {
  outcome: Exclude<JournalOutcome, 'running'>;
  /** Wall-clock end (epoch ms). */
  endedAt: number;
  /** Last event time when it differs from the planned end (a stopped run). */
  to?: number;
  metrics?: Metrics;
  /** Calls, retries, reconnects, rejections, guard trips... as the run counted them. */
  counters?: Record<string, number>;
}

/** What a restart needs: the run as journaled so far. */
export interface RunSoFar {
  runId: string;
  meta: RunStartMeta;
  outcome: JournalOutcome;
  decisions: JournalDecision[];
  cancels: JournalCancel[];
  events: JournalEvent[];
  /** Candles recorded so far, all series together. */
  candleCount: number;
  /** Open time of the last candle recorded per series (`uid|interval`), to continue after it. */
  lastCandle: Record<string, number>;
  errors: { time: number; message: string }[];
}

/**
 * Where a run writes as it goes. Every write is durable once the call returns (implementations
 * say how); entries of one run are written and read back in call order.
 */
export interface OrderJournal {
  /** Records a run's start and returns its id (sortable by start, unique). */
  startRun(meta: RunStartMeta): string;
  /** A candle delivered to the run, of `series`. */
  recordCandle(runId: string, series: SeriesKey, candle: Candle): void;
  /**
   * The stretch of `series` the run has received in full (every candle of it recorded); stored as
   * the union with what was recorded before, so a replay can tell a quiet stretch from a hole.
   */
  recordCoverage(runId: string, series: SeriesKey, range: TimeRange): void;
  recordDecision(runId: string, decision: JournalDecision): void;
  recordCancel(runId: string, cancel: JournalCancel): void;
  recordEvent(runId: string, event: JournalEvent): void;
  recordError(runId: string, time: number, message: string): void;
  endRun(runId: string, end: RunEnd): void;
  /** The run as journaled so far. */
  readSoFar(runId: string): RunSoFar;
}

/** The journal's key of a series. */
export function seriesId(s: SeriesKey): string {
  return `${s.instrumentUid}|${s.interval}`;
}
