import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../core/instrument.ts';
import { SeededRandom } from '../../core/random.ts';
import { createFeeModel, percentFee } from './fee-model.ts';

/** The fee in kopecks, half up, from the value in 10^-k and the rate in 10^-9, in BigInt. */
function exactKopecks(valueUnits: bigint, k: number, rateNano: bigint): bigint {
  const num = valueUnits * rateNano * 100n;
  const den = 10n ** BigInt(k + 9);
  return (2n * num + den) / (2n * den);
}

describe('percent fee, exact', () => {
  it('is value × rate rounded half up to kopecks in integers, on every price grid', () => {
    const r = new SeededRandom(7);
    const rates = [0.0005, 0.003, 0.0004, 0.00025, 0.001];
    let floatDiffers = 0;
    for (let i = 0; i < 200_000; i++) {
      const k = Math.floor(r.next() * 5);
      const ticks = 1 + Math.floor(r.next() * 10 ** (k + 5));
      const price = ticks / 10 ** k;
      const units = 1 + Math.floor(r.next() * 1000);
      const rate = rates[i % rates.length];
      const inst = { uid: 'u', ticker: 'T', lot: units, minPriceIncrement: 10 ** -k } as Instrument;
      const fee = createFeeModel({ kind: 'percent', rate }, [inst]).commission(0, units * price);
      const want = exactKopecks(BigInt(units) * BigInt(ticks), k, BigInt(Math.round(rate * 1e9)));
      if (BigInt(Math.round(fee * 100)) !== want) {
        expect.fail(`${units} × ${price} at ${rate}: ${fee}, exactly ${want} kopecks`);
      }
      if (Math.round(units * price * rate * 100) !== Number(want)) floatDiffers++;
    }
    // Plain float rounding of the same products gets some half-kopecks wrong.
    expect(floatDiffers).toBeGreaterThan(0);
  });

  it('rounds an exact half kopeck up where the float product falls below it', () => {
    // 0.05% of 290.00 is 0.145 exactly; in doubles 290 · 0.0005 · 100 is 14.499999999999998.
    expect(290 * 0.0005 * 100).toBeLessThan(14.5);
    expect(percentFee(290, 0.0005, 2)).toBe(0.15);
    expect(percentFee(815, 0.003, 2)).toBe(2.45);
    // Off every decimal grid it falls back to rounding the product.
    expect(percentFee(1 / 3, 0.003)).toBe(0);
    expect(percentFee(1000 / 3, 0.003)).toBe(1);
  });
});
