/**
 * @module The economics part of a download: for each resolved instrument, what its kind pays or
 * costs besides candles, fetched for the download's range and stored next to them. Shares and
 * ETFs get their dividends (record date in the range), bonds their coupons (paid in the range, and
 * the one accruing when it ends, so accrued interest on a last-day sale is known), futures one
 * initial-margin read a day, stamped with the download's time. Like candles, what was fetched is
 * remembered, so a second download of a range asks nothing. Dividends are asked for up to `now`
 * only (one can still be declared for a later record date); a coupon schedule as a whole.
 */
import type { Instrument } from '../../core/instrument.ts';
import { dayStart, type TimeRange } from '../../core/time.ts';
import { mergeRanges } from '../time-ranges.ts';
import type { EconomicsPart, HistoryApi, HistoryStore } from './ports.ts';

const DAY = 86_400_000;
/** How far past the range coupons are asked for: longer than any coupon period (a year). */
const COUPON_LOOKAHEAD = 367 * DAY;

/** Counts of what was stored. */
export interface EconomicsSummary {
  dividends: number;
  coupons: number;
  margins: number;
}

/** Which part of the economics an instrument of this kind has, if any. */
export function economicsPart(i: Instrument): EconomicsPart | undefined {
  if (i.kind === 'share' || i.kind === 'etf') return 'dividends';
  if (i.kind === 'bond') return 'coupons';
  if (i.kind === 'futures') return 'margin';
  return undefined;
}

/** The spans of `window` still to fetch. */
function spansToFetch(
  store: HistoryStore,
  uid: string,
  part: 'dividends' | 'coupons',
  window: TimeRange,
  now: number,
): TimeRange[] {
  // A record date after `now` has no candle to pay against yet: a later download, whose range
  // reaches it, asks then (and sees a dividend declared in between).
  const to = part === 'dividends' ? Math.max(window.from, Math.min(window.to, now)) : window.to;
  const gaps = store.economicsMissing?.(uid, part, { from: window.from, to }) ?? [{ from: window.from, to }];
  return mergeRanges(gaps.filter((r) => r.to > r.from));
}

/** Fetches and stores the economics of `instruments` over `range`; `now` stamps margin reads. */
export async function downloadEconomics(
  api: HistoryApi,
  store: HistoryStore,
  instruments: readonly Instrument[],
  range: TimeRange,
  now: number,
): Promise<EconomicsSummary> {
  const summary: EconomicsSummary = { dividends: 0, coupons: 0, margins: 0 };
  if (!api.economics || !store.saveEconomics) return summary;
  for (const i of instruments) {
    const part = economicsPart(i);
    if (!part) continue;
    if (part === 'margin') {
      const last = store.lastMarginRead?.(i.uid);
      if (last !== undefined && dayStart(last) === dayStart(now)) continue;
      const got = await api.economics(i, part, range, now);
      store.saveEconomics(i.uid, range, got);
      summary.margins += got.margin ? 1 : 0;
      continue;
    }
    const window = part === 'coupons' ? { from: range.from, to: range.to + COUPON_LOOKAHEAD } : range;
    for (const span of spansToFetch(store, i.uid, part, window, now)) {
      const got = await api.economics(i, part, span, now);
      store.saveEconomics(i.uid, span, got, span);
      summary.dividends += got.dividends?.length ?? 0;
      summary.coupons += got.coupons?.length ?? 0;
    }
  }
  return summary;
}
