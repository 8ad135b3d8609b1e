/**
 * @module Where a continuous futures series moves from one contract to the next. The contracts are
 * taken in expiry order; at each roll the series leaves the current contract for the next one.
 * - `expiry-Nd`: the roll instant is 00:00 UTC N days before the current contract's last trading day.
 * - `volume`: the roll instant is 00:00 UTC of the day after the first day (in the current
 *   contract's segment) on which the next contract traded more lots than the current one, known
 *   only once that day has closed, so the series never looks ahead; at the latest the start of the
 *   current contract's last trading day.
 * Each roll records the first candle of the new contract at or after the instant (`time`), the
 * current contract's last close before it (`fromPrice`) and the new one's (`toPrice`; its first
 * open when it had not traded yet): the prices a trader rolling at that moment closes and opens at.
 */
import type { Candle } from '../../core/candle.ts';

const DAY = 86_400_000;

/** One contract of the series with its candles (open time order). */
export interface ContractCandles {
  uid: string;
  ticker: string;
  /** Epoch ms of the last trading day. */
  lastTradeDate: number;
  candles: readonly Candle[];
}

/** A roll rule: `expiry-5d` (N days before the last trading day) or `volume`. */
export type RollRule = { kind: 'expiry'; days: number } | { kind: 'volume' };

/** Parses `expiry-5d` / `volume`; undefined when the text is neither. */
export function parseRollRule(text: string): RollRule | undefined {
  if (text === 'volume') return { kind: 'volume' };
  const m = /^expiry-(\d{1,3})d$/.exec(text);
  return m ? { kind: 'expiry', days: Number(m[1]) } : undefined;
}

/** One roll of the series. */
export interface RollPoint {
  /** Open time of the new contract's first candle in the series. */
  time: number;
  fromUid: string;
  toUid: string;
  fromPrice: number;
  toPrice: number;
}

/** One contract's part of the series: its candles with open time in [from, to). */
export interface Segment {
  uid: string;
  from: number;
  to: number;
}

/** The series' segments (one per contract used) and the rolls between them. */
export interface RollPlan {
  segments: Segment[];
  rolls: RollPoint[];
}

const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

function dailyVolumes(candles: readonly Candle[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of candles) out.set(dayOf(c.time), (out.get(dayOf(c.time)) ?? 0) + c.volume);
  return out;
}

/** The roll instant from contract `a` to `b` under `rule`, for a segment starting at `from`. */
function rollInstant(a: ContractCandles, b: ContractCandles, rule: RollRule, from: number): number {
  const lastDay = dayOf(a.lastTradeDate);
  if (rule.kind === 'expiry') return lastDay - rule.days * DAY;
  const va = dailyVolumes(a.candles);
  const vb = dailyVolumes(b.candles);
  const days = [...vb.keys()].filter((d) => d >= dayOf(from) && d < lastDay).sort((x, y) => x - y);
  const first = days.find((d) => (vb.get(d) ?? 0) > (va.get(d) ?? 0));
  return first === undefined ? lastDay : Math.min(first + DAY, lastDay);
}

function lastCloseBefore(candles: readonly Candle[], t: number): number | undefined {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candles[mid].time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? candles[lo - 1].close : undefined;
}

/** Plans the rolls over `contracts` (any order; sorted by last trading day here). */
export function planRolls(contracts: readonly ContractCandles[], rule: RollRule): RollPlan {
  const list = contracts.filter((c) => c.candles.length > 0).sort((x, y) => x.lastTradeDate - y.lastTradeDate);
  const plan: RollPlan = { segments: [], rolls: [] };
  if (list.length === 0) return plan;
  let current = list[0];
  let from = current.candles[0].time;
  for (const next of list.slice(1)) {
    const instant = Math.max(rollInstant(current, next, rule, from), from);
    const first = next.candles.find((c) => c.time >= instant);
    const fromPrice = lastCloseBefore(current.candles, instant);
    if (first === undefined || fromPrice === undefined) continue; // the next contract never takes over
    plan.segments.push({ uid: current.uid, from, to: first.time });
    plan.rolls.push({
      time: first.time,
      fromUid: current.uid,
      toUid: next.uid,
      fromPrice,
      toPrice: lastCloseBefore(next.candles, instant) ?? first.open,
    });
    current = next;
    from = first.time;
  }
  plan.segments.push({ uid: current.uid, from, to: current.candles[current.candles.length - 1].time + 1 });
  return plan;
}
