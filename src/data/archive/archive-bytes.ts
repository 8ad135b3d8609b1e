/**
 * @module Reading a yearly archive that is already in memory (the downloader's HTTP body) through
 * its central directory: every day file is located by the directory's offsets and sizes, inflated
 * on its own, checked against its CRC-32 and parsed, one day at a time. Unlike a forward-only
 * stream reader, this never has to guess where a file with a trailing data descriptor ends.
 */
import { crc32 } from 'node:zlib';
import { inflateSync } from 'fflate';
import { DataIntegrityError } from '../../core/errors.ts';
import { type ArchiveDay, type ArchiveTotals, parseDayFile } from './archive-stream.ts';
import { ARCHIVE_HINT, parseDayFileName } from './day-csv.ts';
import { readCentralDirectory, type ZipEntry } from './zip-directory.ts';

const LOCAL_SIG = 0x04034b50;

/** The uncompressed bytes of one entry, checked against the directory; throws a short reason. */
function entryBytes(zip: Uint8Array, view: DataView, e: ZipEntry): Uint8Array {
  const p = e.localOffset;
  if (p + 30 > zip.length || view.getUint32(p, true) !== LOCAL_SIG) throw new Error('its local header is damaged');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + e.compressedSize;
  if (end > zip.length) throw new Error('its data runs past the end of the zip');
  const raw = zip.subarray(start, end);
  let bytes: Uint8Array;
  if (e.method === 0) bytes = raw;
  else if (e.method === 8) {
    try {
      bytes = inflateSync(raw, { out: new Uint8Array(e.size) });
    } catch (err) {
      throw new Error(`it does not inflate (${(err as Error).message})`);
    }
  } else throw new Error(`it uses compression method ${e.method}, not deflate`);
  if (bytes.length !== e.size || crc32(bytes) !== e.crc32) throw new Error('it does not match its CRC-32 or size');
  return bytes;
}

/**
 * Reads every day file of an in-memory archive, in directory order.
 * @throws DataIntegrityError on an empty, truncated or damaged zip, an unexpected file inside it,
 * or a malformed day file; also rethrows whatever `onDay` throws.
 */
export function readArchiveBytes(zip: Uint8Array, label: string, onDay: (day: ArchiveDay) => void): ArchiveTotals {
  const fail = (problem: string) => new DataIntegrityError(`${label}: ${problem}`, ARCHIVE_HINT);
  if (zip.length === 0) throw fail('the zip is empty (0 bytes)');
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(zip, zip.length);
  } catch (e) {
    throw fail((e as Error).message);
  }
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const totals: ArchiveTotals = { days: 0, candles: 0 };
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const name = parseDayFileName(e.name);
    if (!name) throw fail(`unexpected file '${e.name}' (a yearly archive holds only <uid>_<YYYYMMDD>.csv files)`);
    let bytes: Uint8Array;
    try {
      bytes = entryBytes(zip, view, e);
    } catch (err) {
      throw fail(`${e.name} is damaged: ${(err as Error).message}`);
    }
    const day = parseDayFile(label, e.name, name, bytes, decoder);
    onDay(day);
    totals.days++;
    totals.candles += day.candles.length;
  }
  return totals;
}
