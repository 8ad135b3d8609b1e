/**
 * @module The vocabulary of a parity report: how close two runs must be (tolerance), what is known
 * of each instrument's price grid, and every difference found, each with where it happened and why.
 */

/** How far two runs may drift apart and still count as the same. */
export interface ParityTolerance {
  /** Largest adverse or favourable price difference of a fill, in whole ticks, that is tolerated. */
  priceTicks: number;
  /** Largest difference in fill time, in ms, that is tolerated (0: fills must share their time). */
  fillDelayMs: number;
}

/** The default: identical prices on the tick grid and identical fill times. */
export const EXACT_TOLERANCE: ParityTolerance = { priceTicks: 0, fillDelayMs: 0 };

/** What parity needs of an instrument to speak in ticks and money. */
export interface InstrumentSpec {
  /** Price step (minPriceIncrement); 0 when unknown. */
  step: number;
  /** Units per lot. */
  lot: number;
}

/** Why two runs differ at one place. */
export type DifferenceKind =
  | 'missing-decision'
  | 'extra-decision'
  | 'different-side'
  | 'different-size'
  | 'different-order-type'
  | 'different-limit-price'
  | 'price-slippage-within'
  | 'price-slippage-outside'
  | 'fill-later'
  | 'fill-earlier'
  | 'different-fill-lots'
  | 'different-commission'
  | 'commission-with-slippage'
  | 'unfilled'
  | 'rejected-by-venue'
  | 'extra-fill';

/**
 * Kinds that do not break parity by themselves: a price within the tolerance, and the commission
 * difference that such a price brings with it (a percentage fee of a slipped price).
 */
export const TOLERATED_KINDS: ReadonlySet<DifferenceKind> = new Set([
  'price-slippage-within',
  'commission-with-slippage',
]);

/** One difference between run A (the reference) and run B. */
export interface Difference {
  kind: DifferenceKind;
  /** Where: the reference time (A's, or B's when A has nothing there), epoch ms UTC. */
  time: number;
  instrumentUid: string;
  ticker: string;
  /** One line saying what differs, with both values. */
  detail: string;
  /** Price difference of a fill, B minus A, in ticks (signed; adverse for the side is positive). */
  slippageTicks?: number;
  /** The same in money for the fill's lots (positive = B paid more / received less). */
  slippageMoney?: number;
}

/** Counts and totals of a comparison. */
export interface ParitySummary {
  decisions: { matched: number; different: number; onlyA: number; onlyB: number };
  fills: { matched: number; different: number; onlyA: number; onlyB: number };
  /** Sum of the slippage of B's fills against A's, in money (exact on the tick grid). */
  slippageCost: number;
  /** Differences by kind. */
  byKind: Partial<Record<DifferenceKind, number>>;
  /** True when every difference is of a tolerated kind. */
  withinTolerance: boolean;
}

/** Everything `tlab parity` prints, as data. */
export interface ParityReport {
  a: RunSide;
  b: RunSide;
  /** The common period compared: [from, to) in epoch ms UTC. */
  period: { from: number; to: number };
  tolerance: ParityTolerance;
  /** How the runs were matched: decision by decision, or fill by fill when a run has no decisions. */
  matchedBy: 'decisions' | 'fills';
  /** Things the reader should know about what could not be compared. */
  notes: string[];
  differences: Difference[];
  summary: ParitySummary;
}

/** A run as the report names it. */
export interface RunSide {
  runId: string;
  mode: string;
  strategy: string;
  strategySourceHash: string;
  params: Record<string, unknown>;
  from: number;
  to: number;
  decisions: number;
  fills: number;
}
