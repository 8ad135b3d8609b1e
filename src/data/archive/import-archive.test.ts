import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  centralDirectoryOffset,
  chunked,
  DAY,
  makeArchive,
  makeStreamedArchive,
  syntheticDay,
  syntheticDays,
} from '../../../test/fixtures/synthetic-candles.ts';
import { DataIntegrityError, NotFoundError } from '../../core/errors.ts';
import { type CandleStore, openStore } from '../store.ts';
import { importArchive, importArchiveBytes } from './import-archive.ts';

const UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const FIGI = 'BBG004730N88';
const D = (d: number) => Date.UTC(2024, 0, 2) + d * DAY;
/** Tue..Thu, then (after a gap of four days: weekend and holidays) Tue. */
const DAYS = [D(0), D(1), D(2), D(7)];

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const dump = () => ({
  chunks: store.db.prepare('SELECT uid, interval, chunk_start, count, checksum FROM candle_chunks ORDER BY chunk_start').all(),
  coverage: store.db.prepare('SELECT * FROM coverage').all(),
  instruments: store.db.prepare('SELECT uid, figi, ticker, source FROM instruments').all(),
});
const importBytes = (zip: Uint8Array, size?: number) =>
  importArchive(store, chunked(zip, size), { label: `${FIGI}_2024.zip`, figi: FIGI });

describe('importArchive', () => {
  it('stores every day, covers first..last day including the gap, and creates a minimal instrument', async () => {
    const result = await importBytes(makeArchive(UID, DAYS));
    expect(result).toEqual({
      label: `${FIGI}_2024.zip`,
      uid: UID,
      instrumentCreated: true,
      days: 4,
      candles: 4 * 830,
      covered: { from: D(0), to: D(8) },
    });
    expect(store.readCandles(UID, '1m', 0, 4e12)).toEqual(syntheticDays(DAYS));
    expect(store.missingRanges(UID, '1m', { from: D(0), to: D(8) })).toEqual([]);
    expect(store.missingRanges(UID, '1m', { from: D(0), to: D(9) })).toEqual([{ from: D(8), to: D(9) }]);
    expect(store.getInstrument(UID)).toMatchObject({ figi: FIGI, ticker: FIGI, minPriceIncrement: 0 });
    expect(store.instrumentSource(UID)).toBe('archive');
  });

  it('reads archives streamed with data descriptors, in any entry order, fed in small pieces', async () => {
    const zip = makeStreamedArchive(UID, [D(7), D(0), D(2), D(1)]);
    expect((await importBytes(zip, 777)).candles).toBe(4 * 830);
    expect(store.readCandles(UID, '1m', 0, 4e12)).toEqual(syntheticDays(DAYS));
  });

  it('gives the same content when imported twice, and replaces stale candles in its days', async () => {
    const stale = [{ time: D(1) + 3 * 60_000, open: 5, high: 5, low: 5, close: 5, volume: 1 }];
    store.upsertCandles(UID, '1m', stale, undefined, { source: `archive:${FIGI}_2024.zip` });
    await importBytes(makeArchive(UID, DAYS));
    const once = dump();
    expect((await importBytes(makeArchive(UID, DAYS))).instrumentCreated).toBe(false);
    expect(dump()).toEqual(once);
    expect(store.readCandles(UID, '1m', D(1), D(2))).toEqual(syntheticDay(D(1)));
  });

  it('keeps a cached spec and uses a cached FIGI-keyed instrument for FIGI-first-column archives', async () => {
    store.upsertInstrument({
      uid: UID, figi: FIGI, ticker: 'SBER', classCode: 'TQBR', isin: '', name: '', kind: 'share',
      lot: 10, minPriceIncrement: 0.01, currency: 'rub', shortEnabled: true, exchange: 'MOEX',
    });
    const result = await importArchive(store, chunked(makeArchive(FIGI, [D(0)])), { label: 'old.zip' });
    expect(result).toMatchObject({ uid: UID, instrumentCreated: false, days: 1 });
    expect(store.getInstrument(UID)?.ticker).toBe('SBER');
    await expect(importArchive(store, chunked(makeArchive('BBG000B9XRY4', [D(0)])), { label: 'other.zip' })).rejects.toThrow(NotFoundError);
  });

  it('nests in a caller\'s transaction as a savepoint', async () => {
    store.db.exec('BEGIN');
    await expect(importBytes(new Uint8Array(0))).rejects.toThrow(/empty/);
    expect(store.db.inTransaction).toBe(true);
    await importBytes(makeArchive(UID, [D(0)]));
    store.db.exec('ROLLBACK');
    expect(store.listSeries()).toEqual([]);
  });

  it('honours a known uid and a limit (the downloader path), synchronously from bytes', () => {
    const result = importArchiveBytes(store, makeArchive(UID, DAYS), {
      label: 'x.zip',
      uid: UID,
      limit: { from: D(1), to: D(5) },
    });
    expect(result).toMatchObject({ days: 2, candles: 2 * 830, covered: { from: D(1), to: D(5) } });
    expect(store.readCandles(UID, '1m', 0, 4e12)).toEqual(syntheticDays([D(1), D(2)]));
    expect(() => importArchiveBytes(store, makeArchive(UID, DAYS), { label: 'x.zip', uid: '00000000-0000-0000-0000-000000000000' })).toThrow(/not the requested/);
  });
});

describe('importArchive refuses damaged archives and writes nothing', () => {
  const good = makeArchive(UID, DAYS);
  const streamed = makeStreamedArchive(UID, DAYS);
  const stored = makeArchive(UID, DAYS, { level: 0 });
  const damagedStored = stored.slice();
  damagedStored[200] = damagedStored[200] === 0x31 ? 0x32 : 0x31; // a digit inside the first CSV
  const badCrc = good.slice();
  badCrc[centralDirectoryOffset(good) + 16] ^= 0x01; // the first entry's CRC-32 in the directory

  it.each([
    ['truncated inside a file', good.subarray(0, 5000), /the zip is truncated/],
    ['truncated inside a streamed file', streamed.subarray(0, 5000), /truncated|not a valid zip/],
    ['truncated at a file boundary', good.subarray(0, centralDirectoryOffset(good)), /no end-of-directory record/],
    ['truncated inside the directory', good.subarray(0, good.length - 40), /no end-of-directory record|central directory/],
    ['damaged inside a stored file', damagedStored, /_20240102\.csv line 2: instrument id/],
    ['not matching its directory CRC-32', badCrc, /_20240102\.csv does not match its CRC-32/],
    ['empty', new Uint8Array(0), /the zip is empty/],
    ['not a zip', new TextEncoder().encode('<html>Too many requests</html>'.repeat(10)), /no end-of-directory record|not a valid zip/],
    ['holding another file', makeArchive(UID, [D(0)], { files: { 'notes.txt': 'hi' } }), /unexpected file 'notes.txt'/],
    [
      'holding a bad row on a later day',
      makeArchive(UID, [D(0), D(1)], { files: { [`${UID}_20240110.csv`]: `${UID};2024-01-10T10:00:00Z;10;12;11;9;1;\n` } }),
      /_20240110\.csv line 1: OHLC rules broken/,
    ],
  ])('%s', async (_, zip, pattern) => {
    const before = dump();
    const run = importBytes(zip, 1000);
    await expect(run).rejects.toThrow(DataIntegrityError);
    await expect(importBytes(zip, 1000)).rejects.toThrow(pattern);
    expect(dump()).toEqual(before);
    expect(store.db.inTransaction).toBe(false);
  });
});
