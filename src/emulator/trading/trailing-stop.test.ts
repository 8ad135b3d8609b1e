import { describe, expect, it } from 'vitest';
import {
  trailingLevel,
  trailingOrderPrice,
  trailingTrade,
  type TrailingRec,
} from './trailing-stop.ts';

const N = 1_000_000_000n;
const px = (s: string) => BigInt(Math.round(Number(s) * 100)) * (N / 100n);

function rec(over: Partial<TrailingRec> = {}): TrailingRec {
  return {
    indent: N,
    indentRelative: false,
    spread: 0n,
    spreadRelative: false,
    activated: false,
    extr: null,
    ...over,
  };
}

describe('trailing stop arithmetic', () => {
  it('compares a relative indent exactly: 0.3% under a high of 333.33 is 332.33001', () => {
    // 333.33 x (1 - 0.003) = 332.33001: a trade at 332.34 holds, one at 332.33 triggers.
    const t = rec({ indent: 3n * (N / 10n), indentRelative: true });
    expect(trailingTrade(t, 'sell', px('300'), px('333.33'))).toBe(false);
    expect(trailingLevel(t, 'sell')).toBe(332_330_010_000n);
    expect(trailingTrade(t, 'sell', px('300'), px('332.34'))).toBe(false);
    expect(trailingTrade(t, 'sell', px('300'), px('332.33'))).toBe(true);
  });

  it('rounds the spread outward to the tick: a sell down, a buy up', () => {
    // 0.1% of 272.37 = 0.27237: sell at 272.09763 -> 272.09, buy at 272.64237 -> 272.65.
    const t = rec({ spread: N / 10n, spreadRelative: true });
    const tick = N / 100n;
    expect(trailingOrderPrice(t, 'sell', px('272.37'), tick)).toBe(px('272.09'));
    expect(trailingOrderPrice(t, 'buy', px('272.37'), tick)).toBe(px('272.65'));
    expect(trailingOrderPrice(rec({ spread: px('0.5') }), 'buy', px('272.37'), tick)).toBe(
      px('272.87'),
    );
    expect(trailingOrderPrice(rec(), 'sell', px('272.37'), tick)).toBeNull();
  });

  it('activates at the stop price, not before, and a buy follows the low', () => {
    const t = rec({ indent: px('2') });
    expect(trailingTrade(t, 'buy', px('100'), px('100.01'))).toBe(false);
    expect(t.activated).toBe(false);
    expect(trailingTrade(t, 'buy', px('100'), px('100'))).toBe(false);
    expect(trailingTrade(t, 'buy', px('100'), px('97'))).toBe(false);
    expect(trailingLevel(t, 'buy')).toBe(px('99'));
    expect(trailingTrade(t, 'buy', px('100'), px('98.99'))).toBe(false);
    expect(trailingTrade(t, 'buy', px('100'), px('99'))).toBe(true);
  });
});
