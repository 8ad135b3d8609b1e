/**
 * @module The state one comparison accumulates: the two runs, the instruments' grids, the tolerance,
 * the differences found so far, the counters and the exact slippage total.
 */
import type { FillRecord } from '../../engine/result.ts';
import type { RunRecord } from '../run-record.ts';
import { DEC_ZERO, type Dec } from './exact-price.ts';
import type {
  Difference,
  DifferenceKind,
  InstrumentSpec,
  ParitySummary,
  ParityTolerance,
} from './types.ts';

/** Matched / different / one-sided counts of one kind of item. */
export interface Tally {
  matched: number;
  different: number;
  onlyA: number;
  onlyB: number;
}

/** What the matchers share while comparing two runs. */
export class CompareContext {
  readonly differences: Difference[] = [];
  readonly decisions: Tally = { matched: 0, different: 0, onlyA: 0, onlyB: 0 };
  readonly fills: Tally = { matched: 0, different: 0, onlyA: 0, onlyB: 0 };
  slippage: Dec = DEC_ZERO;
  private readonly tickers = new Map<string, string>();

  constructor(
    readonly a: RunRecord,
    readonly b: RunRecord,
    readonly tolerance: ParityTolerance,
    private readonly specs: ReadonlyMap<string, InstrumentSpec>,
  ) {
    for (const i of [...b.instruments, ...a.instruments]) this.tickers.set(i.uid, i.ticker);
  }

  /** The instrument's grid; step 0 and lot 1 when nothing is known of it. */
  spec(uid: string): InstrumentSpec {
    return this.specs.get(uid) ?? { step: 0, lot: 1 };
  }

  /** Records one difference at (time, instrument). */
  add(
    kind: DifferenceKind,
    time: number,
    uid: string,
    detail: string,
    extra: Pick<Difference, 'slippageTicks' | 'slippageMoney'> = {},
  ): void {
    this.differences.push({
      kind,
      time,
      instrumentUid: uid,
      ticker: this.tickers.get(uid) ?? uid,
      detail,
      ...extra,
    });
  }

  /** The summary of everything recorded. */
  summary(toNumber: (d: Dec) => number, tolerated: ReadonlySet<DifferenceKind>): ParitySummary {
    const byKind: Partial<Record<DifferenceKind, number>> = {};
    for (const d of this.differences) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
    return {
      decisions: { ...this.decisions },
      fills: { ...this.fills },
      slippageCost: toNumber(this.slippage),
      byKind,
      withinTolerance: this.differences.every((d) => tolerated.has(d.kind)),
    };
  }
}

/** Fills grouped by order id, in run order. */
export function fillsByOrder(fills: readonly FillRecord[]): Map<string, FillRecord[]> {
  const m = new Map<string, FillRecord[]>();
  for (const f of fills) {
    const list = m.get(f.orderId);
    if (list === undefined) m.set(f.orderId, [f]);
    else list.push(f);
  }
  return m;
}
