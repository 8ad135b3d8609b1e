/**
 * @module Streaming reader of a T-Invest yearly archive (a zip of day CSV files), with fflate's
 * streaming Unzip: bytes go in as they arrive (file or HTTP body), each day is parsed and handed
 * on as soon as its file is complete, so at most one day's text is held at once. At the end the
 * zip's central directory is checked against what was streamed (names, CRC-32, sizes), which
 * catches truncation at a file boundary and damage that inflates without error.
 */
import { crc32 } from 'node:zlib';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { Candle } from '../../core/candle.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import { ARCHIVE_HINT, parseDayCsv, parseDayFileName } from './day-csv.ts';
import { readCentralDirectory } from './zip-directory.ts';

/** One parsed day of an archive. */
export interface ArchiveDay {
  /** Name of the day file inside the zip. */
  file: string;
  /** Instrument id of the rows (first CSV column), or the file name's id for an empty file. */
  id: string;
  /** The file name's id (a uid in current archives). */
  fileId: string;
  /** Epoch ms of 00:00 UTC of the day. */
  day: number;
  candles: Candle[];
}

/** Totals of a completed read. */
export interface ArchiveTotals {
  days: number;
  candles: number;
}

/** Bytes kept from the end of the stream: room for the directory of a year of day files. */
const TAIL_BYTES = 2 * 1024 * 1024;

/**
 * Push-driven archive parser: feed it the zip's bytes in order with {@link ArchiveParser.push},
 * then call {@link ArchiveParser.finish}. Everything runs synchronously inside those calls.
 */
export class ArchiveParser {
  private readonly seen = new Map<string, { crc: number; size: number }>();
  private readonly totals: ArchiveTotals = { days: 0, candles: 0 };
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly unzip: Unzip;
  private readonly tail = new Tail(TAIL_BYTES);
  // fflate calls back synchronously from push(); errors are parked here and rethrown after it.
  private failure: unknown;

  /**
   * @param label the archive's name for messages (e.g. its file name)
   * @param onDay called for each complete day file, in zip order (which need not be by date)
   */
  constructor(
    private readonly label: string,
    private readonly onDay: (day: ArchiveDay) => void,
  ) {
    this.unzip = new Unzip((file) => this.onFile(file));
    this.unzip.register(UnzipInflate);
  }

  /**
   * Feeds the next bytes of the zip.
   * @throws DataIntegrityError on damage found so far, or whatever `onDay` threw.
   */
  push(chunk: Uint8Array): void {
    this.tail.add(chunk);
    this.feed(chunk, false);
  }

  /**
   * Ends the input and checks the central directory against what was streamed.
   * @throws DataIntegrityError on an empty, truncated or damaged zip.
   */
  finish(): ArchiveTotals {
    if (this.tail.total === 0) throw this.fail('the zip is empty (0 bytes)');
    this.feed(new Uint8Array(0), true);
    let entries;
    try {
      entries = readCentralDirectory(this.tail.bytes(), this.tail.total);
    } catch (e) {
      throw this.fail((e as Error).message);
    }
    for (const entry of entries) {
      const got = this.seen.get(entry.name);
      if (!got) throw this.fail(`${entry.name} is listed in the directory but its data is missing (truncated)`);
      if (got.crc !== entry.crc32 || got.size !== entry.size)
        throw this.fail(`${entry.name} does not match its CRC-32 or size (damaged)`);
    }
    if (this.seen.size !== entries.length) throw this.fail('the zip holds files its directory does not list (damaged)');
    return this.totals;
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    try {
      this.unzip.push(chunk, final);
    } catch (e) {
      this.failure ??= this.fail(
        final ? 'the zip is truncated (it ends inside a file)' : `not a valid zip (${(e as Error).message})`,
      );
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private fail(problem: string): DataIntegrityError {
    return new DataIntegrityError(`${this.label}: ${problem}`, ARCHIVE_HINT);
  }

  private onFile(file: UnzipFile): void {
    if (this.failure !== undefined) return;
    const name = parseDayFileName(file.name);
    if (!name && !file.name.endsWith('/')) {
      this.failure = this.fail(
        `unexpected file '${file.name}' (a yearly archive holds only <uid>_<YYYYMMDD>.csv files)`,
      );
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (this.failure !== undefined) return;
      if (err) {
        this.failure = this.fail(`${file.name} is damaged (${err.message})`);
        return;
      }
      if (data.length > 0) parts.push(data);
      size += data.length;
      if (!final) return;
      const bytes = Buffer.concat(parts, size);
      this.seen.set(file.name, { crc: crc32(bytes), size });
      if (!name) return;
      try {
        this.day(file.name, name, bytes);
      } catch (e) {
        this.failure = e;
      }
    };
    file.start();
  }

  private day(file: string, name: { id: string; day: number }, bytes: Uint8Array): void {
    const day = parseDayFile(this.label, file, name, bytes, this.decoder);
    this.onDay(day);
    this.totals.days++;
    this.totals.candles += day.candles.length;
  }
}

/**
 * Parses one day file's bytes (UTF-8 CSV) into an ArchiveDay.
 * @throws DataIntegrityError naming the archive, the file and the line.
 */
export function parseDayFile(
  label: string,
  file: string,
  name: { id: string; day: number },
  bytes: Uint8Array,
  decoder: TextDecoder,
): ArchiveDay {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new DataIntegrityError(`${label}: ${file} is not UTF-8 text`, ARCHIVE_HINT);
  }
  const parsed = parseDayCsv(text, `${label}: ${file}`, name.day);
  return { file, id: parsed.id || name.id, fileId: name.id, day: name.day, candles: parsed.candles };
}

/**
 * Reads an archive streamed from `source` (a file stream, an HTTP body). Resolves only when the
 * whole zip has been read and checked.
 * @throws DataIntegrityError on an empty, truncated or damaged zip, an unexpected file inside it,
 * or a malformed day file; also rethrows whatever `onDay` throws.
 */
export async function readArchive(
  source: AsyncIterable<Uint8Array>,
  label: string,
  onDay: (day: ArchiveDay) => void,
): Promise<ArchiveTotals> {
  const parser = new ArchiveParser(label, onDay);
  for await (const chunk of source) parser.push(chunk);
  return parser.finish();
}

/** The last `limit` (or more) bytes of a stream, kept as a list of chunks. */
class Tail {
  private chunks: Uint8Array[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    this.total += chunk.length;
    while (this.chunks.length > 1 && this.kept - this.chunks[0].length >= this.limit)
      this.kept -= this.chunks.shift()!.length;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks, this.kept);
  }
}
