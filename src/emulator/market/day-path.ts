/**
 * @module One trading day of synthetic 1-minute candles: a Brownian bridge from the day's anchor
 * price to the next day's, drawn from hashed normals (so any day can be built alone, in time
 * proportional to its length), snapped to the price step, with wicks, U-shaped volume and a few
 * minutes without trades.
 */
import { createCandleBatch, type CandleBatch } from '../../core/candle.ts';
import { hashInts, unitFromHash } from '../../core/random.ts';
import { snapToStep } from '../../core/instrument.ts';
import { anchorPrice } from './anchor.ts';
import type { SyntheticParams } from './catalog.ts';
import { SESSION_MINUTES, SESSIONS, dayTime } from './schedule.ts';

const MINUTE = 60_000;
/** Share of the daily volatility that shows up as intraday wandering around the bridge line. */
const INTRADAY_SHARE = 0.8;

/** Everything that identifies one instrument's price path. */
export interface PathKey {
  seed: number;
  key: number;
  step: number;
  params: SyntheticParams;
}

/** Approximately standard normal from four hashed 16-bit uniforms (Irwin-Hall; no transcendentals). */
function normal(base: number, i: number): number {
  const h1 = hashInts(base, i, 1);
  const h2 = hashInts(base, i, 2);
  const sum = (h1 & 0xffff) + (h1 >>> 16) + (h2 & 0xffff) + (h2 >>> 16);
  return (sum / 65536 - 2) * Math.sqrt(3);
}

/**
 * Price grid of a step: whole ticks in, exact decimal prices out. Dividing an integer tick count by
 * the integer ticks-per-unit is correctly rounded, so 31714 / 100 is exactly the double of "317.14"
 * (no toFixed on the hot path).
 */
function grid(step: number): { ticks: (x: number) => number; price: (ticks: number) => number } {
  const perUnit = Math.round(1 / step);
  if (Math.abs(perUnit * step - 1) < 1e-12) {
    return { ticks: (x) => x * perUnit, price: (t) => t / perUnit };
  }
  return { ticks: (x) => x / step, price: (t) => snapToStep(t * step, step) };
}

/** Relative volume by position in the session: busy after the open and before the close. */
function volumeProfile(minuteOfDay: number): number {
  const s = SESSIONS.find((x) => minuteOfDay >= x.start && minuteOfDay < x.end) ?? SESSIONS[0];
  const sinceOpen = minuteOfDay - s.start;
  const toClose = s.end - minuteOfDay;
  return 0.6 + 0.9 * Math.exp(-sinceOpen / 40) + 0.6 * Math.exp(-toClose / 30);
}

/** The 1-minute candles of trading day `day` (index since the epoch), oldest first, columnar. */
export function dayCandles(k: PathKey, day: number): CandleBatch {
  const { seed, key, step, params } = k;
  const g = grid(step);
  const n = SESSION_MINUTES.length;
  const base = hashInts(seed, key, day);
  const a = anchorPrice(seed, key, day, params);
  const b = anchorPrice(seed, key, day + 1, params);
  const sigma = (INTRADAY_SHARE * params.dailyVol) / Math.sqrt(n);

  // Brownian bridge in log space: a walk of n hashed steps, tilted so it ends where it started.
  const walk = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) walk[i + 1] = walk[i] + normal(base, i);
  const logA = Math.log(a);
  const logB = Math.log(b);
  const ticks = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    const p = Math.exp(logA + f * (logB - logA) + sigma * (walk[i] - f * walk[n]));
    ticks[i] = Math.max(1, Math.round(g.ticks(p)));
  }

  const out = createCandleBatch(n);
  const t0 = dayTime(day);
  for (let i = 0; i < n; i++) {
    if (unitFromHash(hashInts(base, i, 7)) < params.missingRate) continue;
    const o = ticks[i];
    const c = ticks[i + 1];
    const top = Math.max(o, c);
    const bottom = Math.min(o, c);
    const h = hashInts(base, i, 8);
    // Wicks reach up to 0.7 sigma beyond the body, as whole ticks.
    const up = Math.floor(((h & 0xffff) / 65536) * sigma * 0.7 * top);
    const down = Math.floor(((h >>> 16) / 65536) * sigma * 0.7 * bottom);
    const v = hashInts(base, i, 10);
    const m = SESSION_MINUTES[i];
    const mult = 0.2 + 3.2 * ((v & 0xffff) / 65536) * ((v >>> 16) / 65536);
    const j = out.length++;
    out.time[j] = t0 + m * MINUTE;
    out.open[j] = g.price(o);
    out.high[j] = g.price(top + up);
    out.low[j] = g.price(Math.max(1, bottom - down));
    out.close[j] = g.price(c);
    out.volume[j] = Math.max(1, Math.round(params.minuteLots * volumeProfile(m) * mult));
  }
  return out;
}
