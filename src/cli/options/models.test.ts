/** @module Tests for the CLI forms of --fee and --slippage. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { parseFee, parseSlippage } from './models.ts';

describe('--fee', () => {
  it('parses fractions, percentages and preset names', () => {
    expect(parseFee('0.0004')).toEqual({ kind: 'percent', rate: 0.0004 });
    expect(parseFee('0.05%').rate).toBeCloseTo(0.0005, 12);
    expect(parseFee('zero').rate).toBe(0);
    expect(parseFee('investor').rate).toBe(0.003);
  });
  it('names the flag, the text and the allowed range', () => {
    expect(() => parseFee('cheap')).toThrow(UsageError);
    expect(() => parseFee('cheap')).toThrow(/--fee 'cheap' is neither a fraction nor a preset/);
    expect(() => parseFee('0.5')).toThrow(/--fee '0.5': rate 0.5 is not a fraction in \[0, 0.1\)/);
    expect(() => parseFee('-1%')).toThrow(/--fee '-1%'/);
  });
});

describe('--slippage', () => {
  it('parses the forms', () => {
    expect(parseSlippage('none')).toEqual({ kind: 'none' });
    expect(parseSlippage('ticks:2')).toEqual({ kind: 'ticks', ticks: 2 });
    expect(parseSlippage('2t')).toEqual({ kind: 'ticks', ticks: 2 });
    expect(parseSlippage('percent:0.001')).toEqual({ kind: 'percent', rate: 0.001 });
    expect(parseSlippage('0.1%')).toEqual({ kind: 'percent', rate: 0.001 });
  });
  it('refuses the rest, naming the flag', () => {
    expect(() => parseSlippage('lots')).toThrow(/--slippage 'lots' is not understood/);
    expect(() => parseSlippage('percent:0.9')).toThrow(
      /--slippage 'percent:0.9': rate 0.9 is not a fraction in \[0, 0.5\)/,
    );
  });
});
