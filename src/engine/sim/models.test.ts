import { describe, expect, it } from 'vitest';
import { ModelSpecError } from '../errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import { createFeeModel, feeSpec } from './fee-model.ts';
import { snapDown, snapUp } from './price-grid.ts';
import { createSlipper } from './slippage-model.ts';

const inst = (uid: string, ticker: string) => ({ uid, ticker }) as Instrument;

describe('fee models', () => {
  it('charges a fraction of traded value, rounded to kopecks, with per-instrument overrides', () => {
    const fees = createFeeModel({ kind: 'percent', rate: 0.0005, overrides: { GAZP: 0.003 } }, [
      inst('a', 'SBER'),
      inst('b', 'GAZP'),
    ]);
    expect(fees.commission(0, 25_037.5)).toBe(12.52); // 12.51875 → 12.52
    expect(fees.commission(1, 1000)).toBe(3); // the override, 0.3%
    expect(fees.commission(0, 1.005 * 1000)).toBe(0.5); // 0.5025 → 0.50
  });

  it('knows the presets and refuses rates out of range with the field as data', () => {
    expect(feeSpec('investor').rate).toBe(0.003);
    expect(feeSpec(undefined).rate).toBe(0.0005);
    expect(() => createFeeModel({ kind: 'percent', rate: 0.5 }, [])).toThrow(
      expect.objectContaining({ model: 'fee', field: 'rate', value: 0.5 }),
    );
    expect(() => createFeeModel({ kind: 'percent', rate: 0, overrides: { SBER: -1 } }, [])).toThrow(
      expect.objectContaining({ field: 'override for SBER', value: -1 }),
    );
    expect(() => feeSpec('cheap' as never)).toThrow(ModelSpecError);
  });
});

describe('slippage models', () => {
  it('moves the price against the trader and snaps onto the grid', () => {
    const ticks = createSlipper({ kind: 'ticks', ticks: 3 });
    expect(ticks(100, 'buy', 0.01)).toBe(100.03);
    expect(ticks(100, 'sell', 0.05)).toBe(99.85);
    const pct = createSlipper({ kind: 'percent', rate: 0.0005 });
    expect(pct(250.1, 'buy', 0.01)).toBe(250.23); // 250.22505 → up
    expect(pct(250.1, 'sell', 0.01)).toBe(249.97); // 249.97495 → down
    expect(createSlipper()(123.45, 'buy', 0.01)).toBe(123.45);
  });

  it('refuses specs out of range with the field as data', () => {
    expect(() => createSlipper({ kind: 'ticks', ticks: 1.5 })).toThrow(
      expect.objectContaining({ model: 'slippage', field: 'ticks', value: 1.5 }),
    );
    expect(() => createSlipper({ kind: 'percent', rate: 0.9 })).toThrow(ModelSpecError);
  });
});

describe('price grid', () => {
  it('snaps up and down exactly, leaving on-grid prices alone', () => {
    expect(snapUp(100.001, 0.01)).toBe(100.01);
    expect(snapDown(100.009, 0.01)).toBe(100);
    expect(snapUp(0.1 + 0.2, 0.1)).toBe(0.3); // 0.30000000000000004 is on the grid
    expect(snapDown(7.15, 0.05)).toBe(7.15);
    expect(snapUp(0.00123, 0.0005)).toBe(0.0015);
  });
});
