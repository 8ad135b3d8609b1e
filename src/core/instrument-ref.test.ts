/** @module Tests for the one instrument-reference parser. */
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.ts';
import {
  formatInstrumentRef,
  looksLikeFigi,
  looksLikeUid,
  parseInstrumentList,
  parseInstrumentRef,
} from './instrument-ref.ts';

describe('parseInstrumentRef', () => {
  it('recognises uid, figi, ticker and ticker@class, normalising case', () => {
    expect(parseInstrumentRef('E6123145-9665-43e0-8413-cd61b8aa9b13')).toEqual({
      kind: 'uid',
      id: 'e6123145-9665-43e0-8413-cd61b8aa9b13',
    });
    expect(parseInstrumentRef('bbg004730n88')).toEqual({ kind: 'figi', id: 'BBG004730N88' });
    expect(parseInstrumentRef(' sber ')).toEqual({ kind: 'ticker', ticker: 'SBER' });
    expect(parseInstrumentRef('SBER@tqbr')).toEqual({
      kind: 'ticker',
      ticker: 'SBER',
      classCode: 'TQBR',
    });
  });
  it('round-trips through formatInstrumentRef', () => {
    for (const text of [
      'SBER',
      'SBER@TQBR',
      'BBG004730N88',
      'e6123145-9665-43e0-8413-cd61b8aa9b13',
    ])
      expect(formatInstrumentRef(parseInstrumentRef(text))).toBe(text);
  });
  it('rejects junk with the accepted forms in the hint', () => {
    for (const bad of ['SB ER', 'A@B@C', '', '@TQBR'])
      expect(() => parseInstrumentRef(bad), bad).toThrow(
        expect.objectContaining({ hint: expect.stringMatching(/ticker@class_code/) }),
      );
    expect(() => parseInstrumentRef('SB ER')).toThrow(UsageError);
  });
  it('splits lists and refuses empty items', () => {
    expect(() => parseInstrumentList('SBER,,GAZP')).toThrow(/empty item/);
    expect(parseInstrumentList(['SBER,GAZP', 'VTBR'])).toHaveLength(3);
  });
  it('shape tests agree with the parser', () => {
    expect(looksLikeUid('e6123145-9665-43e0-8413-cd61b8aa9b13')).toBe(true);
    expect(looksLikeUid('BBG004730N88')).toBe(false);
    expect(looksLikeFigi('TCS00A0JP5V6')).toBe(true);
    expect(looksLikeFigi('SBER')).toBe(false);
  });
});
