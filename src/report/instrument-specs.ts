/**
 * @module The instrument facts a report states and needs beside the result: lot size and price
 * step per instrument, and whether they came from the venue's spec or were assumed (an archive
 * import carries no spec, so the lot is a default and the step unknown).
 */

/** One instrument as the report describes it. */
export interface ReportInstrument {
  ticker: string;
  uid: string;
  /** Units per lot. */
  lot: number;
  /** Price step; 0 when unknown (prices were not snapped). */
  minPriceIncrement: number;
  currency?: string;
  /** True when lot and step are not from the venue's instrument spec. */
  assumed: boolean;
}

/** The spec of the instrument a trade or chart names by ticker or uid, if the report has it. */
export function findInstrument(
  specs: readonly ReportInstrument[] | undefined,
  key: string,
): ReportInstrument | undefined {
  return specs?.find((s) => s.ticker === key || s.uid === key);
}
