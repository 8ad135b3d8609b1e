/**
 * @module Reads a zip's central directory from the last bytes of the stream. The streaming unzip
 * only sees local headers; checking every entry's CRC-32 and size against the directory is what
 * tells a complete archive from one truncated at a file boundary or damaged inside a file.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  /** Offset of the entry's local header from the start of the zip. */
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

/**
 * Parses the central directory of a zip of `totalLength` bytes whose last bytes are `tail`.
 * @throws Error with a short reason when there is no valid end record or directory.
 */
export function readCentralDirectory(tail: Uint8Array, totalLength: number): ZipEntry[] {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  const lowest = Math.max(0, tail.length - EOCD_BYTES - MAX_COMMENT);
  for (let i = tail.length - EOCD_BYTES; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIG && i + EOCD_BYTES + view.getUint16(i + 20, true) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end-of-directory record (the file is truncated or not a zip)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('zip64 archives are not supported');
  const tailStart = totalLength - tail.length;
  const start = cdOffset - tailStart;
  if (start < 0 || start + cdSize !== eocd)
    throw new Error('the central directory is not where the end record says (truncated or damaged)');
  const entries: ZipEntry[] = [];
  let p = start;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CDH_SIG)
      throw new Error(`central directory entry ${k + 1} is damaged`);
    const nameLength = view.getUint16(p + 28, true);
    const skip = view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    entries.push({
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      method: view.getUint16(p + 10, true),
      localOffset: view.getUint32(p + 42, true),
      name: decoder.decode(tail.subarray(p + 46, p + 46 + nameLength)),
    });
    p += 46 + nameLength + skip;
  }
  if (p !== eocd) throw new Error('the central directory has trailing bytes (damaged)');
  return entries;
}
