/**
 * @module The BLOB format of one candle chunk, built for the read path: an 8-byte header
 * (uint32 format version, uint32 count) followed by six Float64 columns of `count` values each:
 * time, open, high, low, close, volume. Every column starts on an 8-byte boundary, so decoding is
 * six typed-array views over the BLOB's memory, with no copying and no per-candle work.
 */
import { crc32 } from 'node:zlib';
import type { CandleBatch } from '../core/candle.ts';

/** Chunk format version written in the header. */
export const CHUNK_FORMAT = 1;
const HEADER_BYTES = 8;
const COLUMNS = 6;

/** Size in bytes of a chunk holding `count` candles. */
export function chunkByteLength(count: number): number {
  return HEADER_BYTES + COLUMNS * 8 * count;
}

/**
 * Allocates a chunk for `count` candles and returns it with writable column views, so writers fill
 * the BLOB in place instead of building candles and copying them.
 */
export function allocateChunk(count: number): { bytes: Buffer; batch: CandleBatch } {
  const bytes = Buffer.alloc(chunkByteLength(count));
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  header.setUint32(0, CHUNK_FORMAT, true);
  header.setUint32(4, count, true);
  return { bytes, batch: viewColumns(bytes, count) };
}

/** Encodes candles `[start, end)` of a batch into a new chunk BLOB. */
export function encodeChunk(batch: CandleBatch, start = 0, end = batch.length): Buffer {
  const { bytes, batch: out } = allocateChunk(end - start);
  out.time.set(batch.time.subarray(start, end));
  out.open.set(batch.open.subarray(start, end));
  out.high.set(batch.high.subarray(start, end));
  out.low.set(batch.low.subarray(start, end));
  out.close.set(batch.close.subarray(start, end));
  out.volume.set(batch.volume.subarray(start, end));
  return bytes;
}

/** Header fields of a chunk, or undefined when the BLOB is too short to hold a header. */
export function chunkHeader(bytes: Uint8Array): { format: number; count: number } | undefined {
  if (bytes.byteLength < HEADER_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return { format: view.getUint32(0, true), count: view.getUint32(4, true) };
}

/**
 * Decodes a chunk into a batch of views over its memory (zero-copy when the BLOB is 8-byte aligned,
 * which better-sqlite3's BLOB buffers are; otherwise one copy). Only checks the size, which is
 * enough to keep reads in bounds; `data verify` checks the rest.
 * @throws Error when the BLOB's size does not match its header.
 */
export function decodeChunk(bytes: Uint8Array): CandleBatch {
  const header = chunkHeader(bytes);
  if (!header || header.format !== CHUNK_FORMAT || bytes.byteLength !== chunkByteLength(header.count))
    throw new Error(`candle chunk has a bad header or size (${bytes.byteLength} bytes)`);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  return viewColumns(aligned, header.count);
}

/** Checksum stored beside each chunk (CRC-32 of the whole BLOB, via zlib's native code). */
export function chunkChecksum(bytes: Uint8Array): number {
  return crc32(bytes);
}

function viewColumns(bytes: Uint8Array, count: number): CandleBatch {
  const base = bytes.byteOffset + HEADER_BYTES;
  const col = (i: number) => new Float64Array(bytes.buffer, base + i * 8 * count, count);
  return {
    length: count,
    time: col(0),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}
