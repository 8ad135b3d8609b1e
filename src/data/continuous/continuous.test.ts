/**
 * Hand-computed rolls of a continuous Si series over two contracts with day candles (07:00 UTC):
 * SiH4 (last trading day Thu 21 Mar 2024) and SiM4.
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../core/candle.ts';
import { adjustCandle, segmentAdjustments } from './adjust.ts';
import { parseRollRule, planRolls, type ContractCandles } from './roll-plan.ts';

const d = (day: number) => Date.UTC(2024, 2, day, 7);
const bar = (day: number, close: number, volume: number): Candle => ({ time: d(day), open: close, high: close, low: close, close, volume });

const H4: ContractCandles = {
  uid: 'h4',
  ticker: 'SiH4',
  lastTradeDate: Date.UTC(2024, 2, 21),
  candles: [bar(14, 91000, 1000), bar(15, 91200, 800), bar(18, 91100, 300), bar(19, 91050, 100)],
};
const M4: ContractCandles = {
  uid: 'm4',
  ticker: 'SiM4',
  lastTradeDate: Date.UTC(2024, 5, 20),
  candles: [bar(14, 92000, 500), bar(15, 92250, 900), bar(18, 92100, 2000), bar(19, 92300, 2500), bar(20, 92400, 3000)],
};

describe('continuous series rolls', () => {
  it('expiry-5d rolls on Mon 18 Mar: 00:00 Sat 16 is five days before the last trading day', () => {
    const plan = planRolls([M4, H4], parseRollRule('expiry-5d')!);
    expect(plan.rolls).toEqual([{ time: d(18), fromUid: 'h4', toUid: 'm4', fromPrice: 91200, toPrice: 92250 }]);
    expect(plan.segments).toEqual([
      { uid: 'h4', from: d(14), to: d(18) },
      { uid: 'm4', from: d(18), to: d(20) + 1 },
    ]);
  });

  it('volume rolls the day after SiM4 first out-traded SiH4 (15 Mar: 900 > 800), no look-ahead', () => {
    const plan = planRolls([H4, M4], parseRollRule('volume')!);
    // 14 Mar: 500 < 1000; 15 Mar: 900 > 800, known at its close, so the series moves on 16 Mar.
    expect(plan.rolls).toEqual([{ time: d(18), fromUid: 'h4', toUid: 'm4', fromPrice: 91200, toPrice: 92250 }]);
    const early = planRolls([H4, { ...M4, candles: [bar(14, 92000, 1200), ...M4.candles.slice(1)] }], { kind: 'volume' });
    expect(early.rolls).toEqual([{ time: d(15), fromUid: 'h4', toUid: 'm4', fromPrice: 91000, toPrice: 92000 }]);
  });

  it('back adjustment shifts SiH4 by the gap 92250 - 91200 = 1050; ratio multiplies by 92250/91200', () => {
    const plan = planRolls([H4, M4], parseRollRule('expiry-5d')!);
    const back = segmentAdjustments(plan.rolls, 'back', 0);
    expect(back).toEqual([
      { offset: 1050, factor: 1 },
      { offset: 0, factor: 1 },
    ]);
    expect(adjustCandle(H4.candles[0], back[0], 'back', 0).close).toBe(92050);
    expect(adjustCandle(H4.candles[1], back[0], 'back', 0).close).toBe(92250);
    const ratio = segmentAdjustments(plan.rolls, 'ratio', 0);
    // 91000 × 92250 / 91200 = 92047.697368421052...
    expect(adjustCandle(H4.candles[0], ratio[0], 'ratio', 0).close).toBe(92047.69736842);
    expect(adjustCandle(M4.candles[2], ratio[1], 'ratio', 0).close).toBe(92100);
  });

  it('sums the later gaps exactly on a decimal grid: +10.5 then -0.3 give offsets 10.2, -0.3, 0', () => {
    const rolls = [
      { time: 1, fromUid: 'a', toUid: 'b', fromPrice: 100.1, toPrice: 110.6 },
      { time: 2, fromUid: 'b', toUid: 'c', fromPrice: 120.4, toPrice: 120.1 },
    ];
    expect(segmentAdjustments(rolls, 'back', 1).map((a) => a.offset)).toEqual([10.2, -0.3, 0]);
    const c: Candle = { time: 0, open: 0.3, high: 0.3, low: 0.3, close: 0.3, volume: 1 };
    expect(adjustCandle(c, { offset: 10.2, factor: 1 }, 'back', 1).close).toBe(10.5);
  });

  it('parses roll rules and refuses others', () => {
    expect(parseRollRule('expiry-5d')).toEqual({ kind: 'expiry', days: 5 });
    expect(parseRollRule('expiry-0d')).toEqual({ kind: 'expiry', days: 0 });
    expect(parseRollRule('expiry')).toBeUndefined();
  });
});
