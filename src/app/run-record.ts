/**
 * @module The read model of one recorded run, whatever its mode: what `tlab runs` lists, what
 * `tlab parity` compares and what `tlab promote` judges. The run journal (src/data/journal) writes
 * runs and reads them back as RunRecords; a backtest's `--out` directory can be read as one too.
 * Everything here is plain data in core terms (epoch ms UTC, prices per unit, whole lots).
 */
import type { FillRecord, Metrics, RejectCode } from '../engine/result.ts';
import type { OrderRequest, OrderUpdate } from '../engine/ports/broker.ts';
import type { JournalMode, JournalOutcome } from '../engine/ports/order-journal.ts';

/** Where a run executed (the journal port's names). */
export type RunMode = JournalMode;

/** How a run ended; `running` for one still going or killed without a chance to say. */
export type RunOutcome = JournalOutcome;

/** One order the strategy submitted: the decision, stamped with the event it was made on. */
export interface DecisionRecord {
  /** Order of decisions within the run, from 0. */
  seq: number;
  /** Clock time of the decision (in onCandle: the candle's close time). */
  time: number;
  orderId: string;
  request: OrderRequest;
  /** The immediate answer: accepted, pending, or refused on the spot with a code. */
  ack: { accepted: boolean; pending: boolean; code?: RejectCode; reason?: string };
}

/** One order event as the kernel received it. */
export interface OrderEventRecord {
  /** Order of events within the run, from 0. */
  seq: number;
  update: OrderUpdate;
}

/** What a run was and what it did. */
export interface RunRecord {
  runId: string;
  mode: RunMode;
  strategy: string;
  /** sha256 of the strategy's source (as in RunFingerprint). */
  strategySourceHash: string;
  params: Record<string, unknown>;
  /** Fill, fee and slippage model specs (simulated runs) or the venue host (sandbox, live). */
  models: Record<string, unknown>;
  instruments: { uid: string; ticker: string }[];
  intervals: string[];
  /** Decision period: [from, to) in epoch ms UTC (`to` is the last event time while running). */
  from: number;
  to: number;
  startingCash: number;
  /** Account at the venue, for sandbox and live runs. */
  accountId?: string;
  outcome: RunOutcome;
  /** Wall-clock start and end of the process that ran it (epoch ms). */
  startedAt: number;
  endedAt?: number;
  decisions: DecisionRecord[];
  events: OrderEventRecord[];
  fills: FillRecord[];
  /** Errors the run met (stream failures that exhausted retries, venue refusals of calls...). */
  errors: { time: number; message: string }[];
  /** Metrics of the finished run, when it finished. */
  metrics?: Metrics;
}
