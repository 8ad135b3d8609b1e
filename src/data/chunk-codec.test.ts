import { describe, expect, it } from 'vitest';
import { batchFromCandles, candleAt } from '../core/candle.ts';
import { chunkByteLength, chunkChecksum, decodeChunk, encodeChunk } from './chunk-codec.ts';
import { chunkStart, nextChunkStart } from './chunk-key.ts';

const candles = [
  { time: 60_000, open: 1.5, high: 2, low: 1, close: 1.75, volume: 10 },
  { time: 120_000, open: 1.75, high: 1.8, low: 0.000005, close: 1.8, volume: 0 },
  { time: 180_000, open: 1.8, high: 268.87, low: 1.8, close: 268.87, volume: 123456789 },
];

describe('chunk codec', () => {
  it('round-trips every column exactly', () => {
    const bytes = encodeChunk(batchFromCandles(candles));
    expect(bytes.byteLength).toBe(chunkByteLength(3));
    const back = decodeChunk(bytes);
    expect(back.length).toBe(3);
    expect([0, 1, 2].map((i) => candleAt(back, i))).toEqual(candles);
  });

  it('encodes a slice of a batch', () => {
    const back = decodeChunk(encodeChunk(batchFromCandles(candles), 1, 3));
    expect(Array.from(back.time)).toEqual([120_000, 180_000]);
  });

  it('decodes aligned BLOBs as views over the same memory (zero-copy)', () => {
    const bytes = encodeChunk(batchFromCandles(candles));
    const back = decodeChunk(bytes);
    expect(back.close.buffer).toBe(bytes.buffer);
    bytes.writeDoubleLE(99, 8 + 4 * 8 * 3); // first close value
    expect(back.close[0]).toBe(99);
  });

  it('copies a BLOB that is not 8-byte aligned instead of failing', () => {
    const bytes = encodeChunk(batchFromCandles(candles));
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    const back = decodeChunk(shifted.subarray(1));
    expect(candleAt(back, 2)).toEqual(candles[2]);
  });

  it('rejects a BLOB whose size does not match its header', () => {
    const bytes = encodeChunk(batchFromCandles(candles));
    expect(() => decodeChunk(bytes.subarray(0, bytes.byteLength - 8))).toThrow(/bad header or size/);
    expect(() => decodeChunk(new Uint8Array(3))).toThrow(/bad header or size/);
  });

  it('changes the checksum when one byte changes', () => {
    const bytes = encodeChunk(batchFromCandles(candles));
    const before = chunkChecksum(bytes);
    bytes[40] ^= 1;
    expect(chunkChecksum(bytes)).not.toBe(before);
  });
});

describe('chunk keys', () => {
  it('chunks intraday series by UTC day and daily and longer ones by UTC year', () => {
    const t = Date.UTC(2024, 6, 15, 13, 45);
    expect(chunkStart('1m', t)).toBe(Date.UTC(2024, 6, 15));
    expect(chunkStart('4h', t)).toBe(Date.UTC(2024, 6, 15));
    expect(chunkStart('1d', t)).toBe(Date.UTC(2024, 0, 1));
    expect(chunkStart('1M', t)).toBe(Date.UTC(2024, 0, 1));
    expect(nextChunkStart('1m', Date.UTC(2024, 6, 15))).toBe(Date.UTC(2024, 6, 16));
    expect(nextChunkStart('1w', Date.UTC(2024, 0, 1))).toBe(Date.UTC(2025, 0, 1));
  });
});
