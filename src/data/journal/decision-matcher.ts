/**
 * @module Checks a replay's decisions against a recorded run's, one by one, and stops at the first
 * that differs with a ReplayDivergenceError saying where (decision number, candle position) and
 * how (the recorded request against the replayed one, or a decision made on one side only). A
 * replay never invents what the record does not hold.
 */
import { TlabError } from '../../core/errors.ts';
import { sortedKeys } from '../../engine/backtest/fingerprint.ts';
import type { OrderRequest } from '../../engine/ports/broker.ts';
import type { JournalCancel, JournalDecision } from '../../engine/ports/order-journal.ts';

/** Where and how a replay left the recorded run. */
export interface Divergence {
  /** Which call: a submit (decision) or a cancel. */
  kind: 'decision' | 'cancel' | 'event';
  /** Its seq in the recorded run (the next one expected). */
  seq: number;
  /** Execution candles seen when the replay diverged. */
  at: number;
  /** What the run recorded there, if it recorded anything. */
  recorded?: string;
  /** What the replay did instead, if it did anything. */
  replayed?: string;
}

/** A replay that does not reproduce the recorded run. */
export class ReplayDivergenceError extends TlabError {
  constructor(readonly divergence: Divergence) {
    super(
      divergenceMessage(divergence),
      'the strategy code, its parameters or the data differ from the recorded run; ' +
        'compare the strategy source hash and the params in `tlab runs show`',
    );
  }
}

function divergenceMessage(d: Divergence): string {
  const where = `replay diverged at ${d.kind} #${d.seq} (after candle ${d.at})`;
  return `${where}: recorded ${d.recorded ?? 'nothing'}, replay ${d.replayed ?? 'nothing'}`;
}

/** `buy 2 lots limit 101.5 of uid (tag t)`. */
export function describeRequest(r: OrderRequest): string {
  const price =
    r.type === 'limit' ? ` ${r.limitPrice}` : r.type === 'stop' ? ` ${r.stopPrice}` : '';
  const tif = r.timeInForce === undefined ? '' : ` ${r.timeInForce}`;
  const tag = r.tag === undefined ? '' : ` (tag ${r.tag})`;
  return `${r.side} ${r.lots} lots ${r.type}${price}${tif} of ${r.instrumentUid}${tag}`;
}

const canonical = (r: OrderRequest) => JSON.stringify(sortedKeys(r));

/** Where a recorded decision is due in a replay (see JournalDecision.cause). */
export function dueAt(d: JournalDecision): number {
  return d.cause === undefined ? d.at : d.at + 1;
}

/** Options of {@link DecisionMatcher}. */
export interface MatcherOptions {
  /** Also require equal decision times (a run recorded on a replay clock: a backtest). */
  compareTime?: boolean;
}

/** Walks the recorded decisions and cancels as the replay makes its own. */
export class DecisionMatcher {
  /** Decisions and cancels matched so far. */
  decisions = 0;
  cancels = 0;

  constructor(
    private readonly recorded: { decisions: readonly JournalDecision[]; cancels: readonly JournalCancel[] },
    private readonly options: MatcherOptions = {},
  ) {}

  private diverge(d: Omit<Divergence, 'seq'> & { seq?: number }): never {
    throw new ReplayDivergenceError({ seq: this.decisions, ...d });
  }

  /** The recorded decision the replay's submit must equal; throws at a divergence. */
  submit(request: OrderRequest, at: number, time: number): JournalDecision {
    const d = this.recorded.decisions[this.decisions];
    const replayed = `${describeRequest(request)} after candle ${at}`;
    if (d === undefined) this.diverge({ kind: 'decision', at, replayed });
    const recorded = `${describeRequest(d.request)} after candle ${dueAt(d)}`;
    const sameTime = !this.options.compareTime || d.time === time;
    if (canonical(d.request) !== canonical(request) || dueAt(d) !== at || !sameTime) {
      const when = sameTime ? '' : ` (recorded at ${d.time}, replayed at ${time})`;
      this.diverge({ kind: 'decision', at, recorded: recorded + when, replayed });
    }
    this.decisions++;
    return d;
  }

  /** The recorded cancel the replay's cancel must equal; throws at a divergence. */
  cancel(orderId: string, at: number): JournalCancel {
    const c = this.recorded.cancels[this.cancels];
    const replayed = `cancel ${orderId} after candle ${at}`;
    if (c === undefined || c.orderId !== orderId || c.at !== at) {
      const recorded = c === undefined ? undefined : `cancel ${c.orderId} after candle ${c.at}`;
      this.diverge({ kind: 'cancel', seq: this.cancels, at, recorded, replayed });
    }
    this.cancels++;
    return c;
  }

  /** At the hook of candle `at`: a decision due before it that the replay did not make diverges. */
  hook(at: number): void {
    this.missing(at, at);
  }

  /** At the end of the replay, after `at` candles: every recorded call must have been made. */
  finish(at: number): void {
    this.missing(Infinity, at);
  }

  private missing(limit: number, at: number): void {
    const d = this.recorded.decisions[this.decisions];
    if (d !== undefined && dueAt(d) < limit) {
      const recorded = `${describeRequest(d.request)} after candle ${dueAt(d)}`;
      this.diverge({ kind: 'decision', at, recorded });
    }
    const c = this.recorded.cancels[this.cancels];
    if (c !== undefined && c.at < limit) {
      const recorded = `cancel ${c.orderId} after candle ${c.at}`;
      this.diverge({ kind: 'cancel', seq: this.cancels, at, recorded });
    }
  }
}
