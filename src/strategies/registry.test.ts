import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { getStrategy, STRATEGIES } from './index.ts';

describe('strategy registry', () => {
  it('finds every strategy by name with defaults, a source file and fresh instances', () => {
    expect(STRATEGIES.map((s) => s.name)).toEqual(['sma-cross', 'rsi-reversion', 'breakout']);
    for (const s of STRATEGIES) {
      expect(getStrategy(s.name)).toBe(s);
      expect(s.parse()).toEqual(s.defaults);
      expect(existsSync(s.sourcePath)).toBe(true);
      expect(s.source()).toContain('implements Strategy');
      expect(s.create()).not.toBe(s.create());
    }
  });

  it('names the known strategies when asked for an unknown one', () => {
    expect(() => getStrategy('macd')).toThrow(UsageError);
    expect(() => getStrategy('macd')).toThrow(/unknown strategy 'macd'/);
    try {
      getStrategy('macd');
    } catch (e) {
      expect((e as UsageError).hint).toBe('use one of: sma-cross, rsi-reversion, breakout');
    }
  });
});
