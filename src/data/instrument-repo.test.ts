import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import type { Instrument } from '../core/instrument.ts';
import { looksLikeFigi, looksLikeUid } from './instrument-repo.ts';
import { type CandleStore, openStore } from './store.ts';

function instrument(over: Partial<Instrument>): Instrument {
  return {
    uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13',
    figi: 'BBG004730N88',
    ticker: 'SBER',
    classCode: 'TQBR',
    isin: 'RU0009029540',
    name: 'Sber',
    kind: 'share',
    lot: 10,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX',
    ...over,
  };
}

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('instruments', () => {
  it('round-trips a spec, optional dates included', () => {
    const sber = instrument({ first1minCandleDate: Date.UTC(2018, 2, 7), first1dayCandleDate: Date.UTC(2000, 0, 4) });
    store.upsertInstrument(sber);
    expect(store.getInstrument(sber.uid)).toEqual(sber);
    expect(store.instrumentSource(sber.uid)).toBe('api');
  });

  it('finds by uid, FIGI, ticker (any case) and TICKER@CLASS', () => {
    const sber = instrument({});
    store.upsertInstrument(sber);
    for (const id of [sber.uid, sber.uid.toUpperCase(), 'BBG004730N88', 'bbg004730n88', 'SBER', 'sber', 'sber@tqbr'])
      expect(store.findInstrument(id)?.uid, id).toBe(sber.uid);
    expect(store.findInstrument('GAZP')).toBeUndefined();
    expect(store.findInstrument('SBER@SMAL')).toBeUndefined();
  });

  it('asks for a class code when a ticker is ambiguous', () => {
    store.upsertInstruments([
      instrument({}),
      instrument({ uid: '00000000-0000-0000-0000-000000000001', figi: 'TCS00A0JP5V6', classCode: 'SPBXM' }),
    ]);
    expect(() => store.findInstrument('SBER')).toThrow(UsageError);
    expect(() => store.findInstrument('SBER')).toThrow(/SBER@SPBXM, SBER@TQBR/);
    expect(store.findInstrument('SBER@SPBXM')?.figi).toBe('TCS00A0JP5V6');
  });

  it('replaces a spec on upsert but never overwrites one with an archive stub', () => {
    store.upsertInstrument(instrument({}));
    store.upsertInstrument(instrument({ lot: 1 }));
    expect(store.getInstrument(instrument({}).uid)?.lot).toBe(1);
    expect(store.insertInstrumentIfAbsent(instrument({ ticker: 'STUB', lot: 99 }))).toBe(false);
    expect(store.getInstrument(instrument({}).uid)?.ticker).toBe('SBER');
    expect(store.listInstruments()).toHaveLength(1);
  });

  it('recognises uid and FIGI shapes', () => {
    expect(looksLikeUid('e6123145-9665-43e0-8413-cd61b8aa9b13')).toBe(true);
    expect(looksLikeUid('BBG004730N88')).toBe(false);
    expect(looksLikeFigi('BBG004730N88')).toBe(true);
    expect(looksLikeFigi('TCS00A0JP5V6')).toBe(true);
    expect(looksLikeFigi('SBER')).toBe(false);
  });
});
