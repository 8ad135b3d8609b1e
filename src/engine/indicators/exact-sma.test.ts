import { SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { isNearestDouble, ratioSign } from '../../../test/acceptance/exact-rational.ts';
import { Bollinger } from './bollinger.ts';
import { Sma } from './sma.ts';

/**
 * A random tick-grid series: prices as integer counts of 10^-k, with flat runs (ties) and jumps.
 * `big` ones have 9 decimals and up to 10^15 units, so window sums leave the safe integers.
 */
function series(r: SeededRandom, big: boolean): { units: bigint[]; prices: number[]; k: number } {
  const k = big ? 9 : Math.floor(r.next() * 5);
  const tick = [1, 2, 5, 10, 25][Math.floor(r.next() * 5)];
  const top = big ? 1e15 : 10 ** (k + Math.floor(r.next() * 6));
  let n = Math.max(tick, Math.round((r.next() * top) / tick) * tick);
  const len = 40 + Math.floor(r.next() * 60);
  const units: bigint[] = [];
  const prices: number[] = [];
  for (let i = 0; i < len; i++) {
    const u = r.next();
    if (u > 0.45) n += tick * (u > 0.72 ? 1 : -1) * (1 + Math.floor(r.next() * 3));
    n = Math.min(Math.max(tick, n), 2 ** 50 - 100);
    units.push(BigInt(n));
    // n / 10^k, both exact doubles: the correctly rounded division is the double nearest the decimal.
    prices.push(n / 10 ** k);
  }
  return { units, prices, k };
}

/** Prefix sums: the exact window sum of units[t-p+1..t] is at[t+1] - at[t-p+1]. */
function prefix(units: bigint[]): bigint[] {
  const at = [0n];
  for (const u of units) at.push(at[at.length - 1] + u);
  return at;
}

describe('exact SMA on tick-grid prices (property test against BigInt rationals)', () => {
  it('returns the correctly rounded mean and decides every comparison and crossover exactly, over 10,000 series', () => {
    const r = new SeededRandom(20260101);
    let values = 0;
    let ties = 0;
    let crosses = 0;
    let floatWrong = 0;
    for (let sIdx = 0; sIdx < 10_000; sIdx++) {
      const big = sIdx % 25 === 0;
      const { units, prices, k } = series(r, big);
      const pf = 1 + Math.floor(r.next() * 8);
      const ps = pf + 1 + Math.floor(r.next() * (big ? 30 : 24));
      const scale = 10n ** BigInt(k);
      const fast = new Sma(pf);
      const slow = new Sma(ps);
      const tiF = new SMA({ period: pf, values: [] });
      const tiS = new SMA({ period: ps, values: [] });
      const at = prefix(units);
      // One series in ten carries an off-grid price (a third of a tick off): the windows holding it
      // are float (not exact), and exactness returns once it has left.
      const off = sIdx % 10 === 5 ? Math.floor(r.next() * prices.length) : -1;
      if (off >= 0) prices[off] += 1 / 3 / 10 ** k;
      let prev = NaN;
      let prevExact = NaN;
      let prevTi = [NaN, NaN];
      for (let t = 0; t < prices.length; t++) {
        const f = fast.nextValue(prices[t]);
        const s = slow.nextValue(prices[t]);
        const [a, b] = [tiF.nextValue(prices[t]) ?? NaN, tiS.nextValue(prices[t]) ?? NaN];
        const where = `series ${sIdx} t=${t} SMA ${pf}/${ps}`;
        if ((f === undefined) !== t < pf - 1 || (s === undefined) !== t < ps - 1) {
          expect.fail(`${where}: warm-up is wrong`);
        }
        const offF = off >= 0 && off <= t && off > t - pf;
        const offS = off >= 0 && off <= t && off > t - ps;
        if (fast.exact === offF || slow.exact === offS)
          expect.fail(`${where}: exact flag is wrong`);
        if (offF || offS) {
          // Float windows: close to the exact mean, and the rule state carries on from the values.
          if (s !== undefined) {
            const mean = Number(at[t + 1] - at[t - ps + 1]) / ps / 10 ** k;
            expect(Math.abs(s - mean)).toBeLessThan(mean * 1e-9 + 1 / 10 ** k);
          }
          prev = fast.compare(slow);
          prevExact = prev;
          prevTi = [a, b];
          continue;
        }
        const sf = t >= pf - 1 ? at[t + 1] - at[t - pf + 1] : 0n;
        const ss = t >= ps - 1 ? at[t + 1] - at[t - ps + 1] : 0n;
        if (f !== undefined && !isNearestDouble(f, sf, BigInt(pf) * scale)) {
          expect.fail(`${where}: fast ${f} is not the double nearest the exact mean`);
        }
        if (s !== undefined && !isNearestDouble(s, ss, BigInt(ps) * scale)) {
          expect.fail(`${where}: slow ${s} is not the double nearest the exact mean`);
        }
        values += (f === undefined ? 0 : 1) + (s === undefined ? 0 : 1);
        const exact = s === undefined ? NaN : ratioSign(sf, BigInt(pf), ss, BigInt(ps));
        const now = fast.compare(slow);
        if (!(now === exact || (now !== now && exact !== exact))) {
          expect.fail(`${where}: compare gave ${now}, the exact sign is ${exact}`);
        }
        if (exact === 0) {
          ties++;
          if (f !== s) expect.fail(`${where}: equal exact means gave ${f} and ${s}`);
        }
        // The sma-cross rule on exact values, and whether the float running sum agreed.
        const up = prevExact <= 0 && exact > 0;
        const down = prevExact >= 0 && exact < 0;
        if ((prev <= 0 && now > 0) !== up || (prev >= 0 && now < 0) !== down) {
          expect.fail(`${where}: crossover decision differs from the exact one`);
        }
        if (up || down) crosses++;
        const tiUp = prevTi[0] <= prevTi[1] && a > b;
        const tiDown = prevTi[0] >= prevTi[1] && a < b;
        if (tiUp !== up || tiDown !== down) floatWrong++;
        prev = now;
        prevExact = exact;
        prevTi = [a, b];
      }
    }
    expect(values).toBeGreaterThan(1_000_000);
    expect(ties).toBeGreaterThan(5_000);
    expect(crosses).toBeGreaterThan(50_000);
    // The float running sum gets thousands of crossover decisions wrong on the same series.
    expect(floatWrong).toBeGreaterThan(1_000);
  }, 120_000);

  it('gives the correctly rounded population variance (Bollinger σ²) from exact sums', () => {
    const r = new SeededRandom(99);
    let flat = 0;
    for (let sIdx = 0; sIdx < 2_000; sIdx++) {
      const { units, prices, k } = series(r, sIdx % 10 === 0);
      const p = 2 + Math.floor(r.next() * 30);
      const b = new Bollinger(p, 2);
      const d = BigInt(p) * 10n ** BigInt(k);
      const at = prefix(units);
      for (let t = 0; t < prices.length; t++) {
        const v = b.nextValue(prices[t]);
        if (t < p - 1) continue;
        const s = at[t + 1] - at[t - p + 1];
        let q = 0n;
        for (let i = t - p + 1; i <= t; i++) q += units[i] * units[i];
        const variance = b.sma.variance();
        const where = `series ${sIdx} t=${t} period ${p}`;
        if (!isNearestDouble(variance, BigInt(p) * q - s * s, d * d)) {
          expect.fail(`${where}: variance ${variance} is not the double nearest the exact one`);
        }
        if (v === undefined || !isNearestDouble(v.middle, s, d)) expect.fail(`${where}: middle`);
        if (BigInt(p) * q === s * s && (v.upper !== v.middle || v.lower !== v.middle)) {
          expect.fail(`${where}: a flat window has a band of width ${v.upper - v.lower}`);
        }
        flat += BigInt(p) * q === s * s ? 1 : 0;
      }
    }
    expect(flat).toBeGreaterThan(100);
  });
});
