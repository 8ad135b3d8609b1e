import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  centralDirectoryOffset,
  DAY,
  makeArchive,
  makeStreamedArchive,
} from '../../../test/fixtures/synthetic-candles.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import { type CandleStore, openStore } from '../store.ts';
import { readArchiveBytes } from './archive-bytes.ts';
import { readArchive } from './archive-stream.ts';
import { importArchiveBytes } from './import-archive.ts';

const UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const D = (d: number) => Date.UTC(2024, 0, 2) + d * DAY;
const DAYS = [D(0), D(1), D(2), D(7)];

async function* once(zip: Uint8Array) {
  yield zip;
}

describe('readArchiveBytes (the downloader path, through the central directory)', () => {
  it('reads the same days as the streaming reader, for plain and streamed (data descriptor) zips', async () => {
    for (const zip of [makeArchive(UID, DAYS), makeStreamedArchive(UID, DAYS)]) {
      const viaDirectory: unknown[] = [];
      const viaStream: unknown[] = [];
      const totals = readArchiveBytes(zip, 'x.zip', (d) => viaDirectory.push(d));
      await readArchive(once(zip), 'x.zip', (d) => viaStream.push(d));
      expect(totals.days).toBe(4);
      expect(viaDirectory).toEqual(viaStream);
    }
  });

  let store: CandleStore;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  const good = makeArchive(UID, DAYS);
  const stored = makeArchive(UID, DAYS, { level: 0 });
  const damagedStored = stored.slice();
  damagedStored[200] = damagedStored[200] === 0x31 ? 0x32 : 0x31;
  const badCrc = good.slice();
  badCrc[centralDirectoryOffset(good) + 16] ^= 0x01;
  const badDeflate = good.slice();
  badDeflate[150] ^= 0xff;

  it.each([
    ['truncated inside a file', good.subarray(0, 5000), /no end-of-directory record \(the file is truncated/],
    ['truncated at a file boundary', good.subarray(0, centralDirectoryOffset(good)), /no end-of-directory record/],
    ['damaged inside a stored file', damagedStored, /_20240102\.csv is damaged: it does not match its CRC-32/],
    ['damaged inside a deflated file', badDeflate, /_20240102\.csv is damaged|_20240102\.csv line/],
    ['not matching its directory CRC-32', badCrc, /_20240102\.csv is damaged: it does not match its CRC-32/],
    ['empty', new Uint8Array(0), /the zip is empty/],
    ['holding another file', makeArchive(UID, [D(0)], { files: { 'notes.txt': 'hi' } }), /unexpected file 'notes.txt'/],
  ])('refuses an archive %s and writes nothing', (_, zip, pattern) => {
    const run = () => importArchiveBytes(store, zip, { label: 'x.zip', uid: UID });
    expect(run).toThrow(DataIntegrityError);
    expect(run).toThrow(pattern);
    expect(store.db.prepare('SELECT count(*) AS n FROM candle_chunks').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM coverage').get()).toEqual({ n: 0 });
  });
});
