/**
 * @module The dated events of a run's economics, in the order they are applied. A clearing settles
 * variation margin; a futures contract expires at the evening clearing of its last trading day,
 * closed at the last price (the last trade of that day, as the engine's settlement price); a
 * dividend goes to the position held at the close of the record date's T-1 (MOEX settles T+1, so the
 * last day a buy still earns it is the day before the record date: the entitlement is fixed at
 * 00:00 UTC of the record date, or at the end of `lastBuyDate` when the API gives it) and is
 * credited then; a coupon is fixed the same way at its record (fix) date, or at its coupon date when
 * no fix date is known, and paid on its coupon date; a bond is redeemed at nominal on its maturity
 * date. Events at one instant run in that order: clearing, coupon fix, dividend, coupon payment,
 * expiry, redemption.
 */
import type { Coupon, Dividend } from '../../core/instrument-economics.ts';
import { clearingsIn, utcDay } from './clearing-times.ts';
import type { SlotEconomics } from './slot-economics.ts';

const DAY = 86_400_000;

/** One dated event; `slot` is -1 for a clearing (it settles every futures slot). */
export type EconomicEvent =
  | { at: number; kind: 'clearing'; slot: -1 }
  | { at: number; kind: 'coupon-fix'; slot: number; coupon: Coupon; id: number }
  | { at: number; kind: 'dividend'; slot: number; dividend: Dividend }
  | { at: number; kind: 'coupon-pay'; slot: number; coupon: Coupon; id: number }
  | { at: number; kind: 'expiry'; slot: number }
  | { at: number; kind: 'redemption'; slot: number };

const RANK: Record<EconomicEvent['kind'], number> = {
  clearing: 0,
  'coupon-fix': 1,
  dividend: 2,
  'coupon-pay': 3,
  expiry: 4,
  redemption: 5,
};

/** What the schedule is built from. */
export interface ScheduleInput {
  slots: readonly SlotEconomics[];
  /** Instrument uid per slot. */
  uids: readonly string[];
  range: { from: number; to: number };
  dividends: readonly Dividend[];
  coupons: readonly Coupon[];
  /** Expiry instants per futures slot and maturity per bond slot (NaN when none). */
  ends: readonly number[];
}

/** Every event of the run's range, sorted. */
export function buildSchedule(s: ScheduleInput): EconomicEvent[] {
  const slotOf = new Map(s.uids.map((u, k) => [u, k]));
  const { from, to } = s.range;
  const inRange = (t: number) => t >= from && t < to;
  const out: EconomicEvent[] = [];
  if (s.slots.some((x) => x.kind === 'futures')) {
    for (const at of clearingsIn(from, to)) out.push({ at, kind: 'clearing', slot: -1 });
  }
  for (const d of s.dividends) {
    const slot = slotOf.get(d.instrumentUid);
    if (slot === undefined || s.slots[slot].kind !== 'plain') continue;
    const at = d.lastBuyDate !== undefined ? utcDay(d.lastBuyDate) + DAY : utcDay(d.recordDate);
    if (inRange(at)) out.push({ at, kind: 'dividend', slot, dividend: d });
  }
  s.coupons.forEach((coupon, id) => {
    const slot = slotOf.get(coupon.instrumentUid);
    if (slot === undefined || s.slots[slot].kind !== 'bond') return;
    const pay = utcDay(coupon.couponDate);
    const fix = Math.min(pay, utcDay(coupon.fixDate ?? coupon.couponDate));
    if (!inRange(fix)) return;
    out.push({ at: fix, kind: 'coupon-fix', slot, coupon, id });
    if (inRange(pay)) out.push({ at: pay, kind: 'coupon-pay', slot, coupon, id });
  });
  s.slots.forEach((x, slot) => {
    const at = s.ends[slot];
    if (!inRange(at)) return;
    if (x.kind === 'futures') out.push({ at, kind: 'expiry', slot });
    if (x.kind === 'bond') out.push({ at, kind: 'redemption', slot });
  });
  return out.sort((a, b) => a.at - b.at || RANK[a.kind] - RANK[b.kind] || a.slot - b.slot);
}
