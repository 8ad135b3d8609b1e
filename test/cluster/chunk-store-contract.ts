/**
 * @module The ChunkStore contract every implementation passes: bytes come back exactly as put,
 * `has` answers per hash in order, a put replaces, a delete removes, and absent hashes are
 * undefined, never an error.
 */
import { describe, expect, it } from 'vitest';
import { contentHash, type ChunkStore } from '../../src/cluster/chunk-store.ts';

const bytes = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255));

/** Registers the contract tests for a store made by `make` (a fresh, empty store each call). */
export function chunkStoreContract(name: string, make: () => Promise<ChunkStore>): void {
  describe(`ChunkStore contract: ${name}`, () => {
    it('returns the bytes it was given, byte for byte, and answers has() in order', async () => {
      const s = await make();
      const a = bytes(5000, 1);
      const b = bytes(0, 2);
      const ha = contentHash(a);
      const hb = contentHash(b);
      const hc = contentHash(bytes(10, 3));
      await s.put(ha, a);
      await s.put(hb, b);
      expect(await s.has([hc, ha, hb])).toEqual([false, true, true]);
      expect(await s.has([])).toEqual([]);
      expect((await s.get(ha))?.equals(a)).toBe(true);
      expect((await s.get(hb))?.byteLength).toBe(0);
      expect(await s.get(hc)).toBeUndefined();
    });

    it('a put replaces and a delete removes', async () => {
      const s = await make();
      const a = bytes(64, 4);
      const h = contentHash(a);
      await s.put(h, bytes(64, 5));
      await s.put(h, a);
      expect((await s.get(h))?.equals(a)).toBe(true);
      await s.delete(h);
      expect(await s.get(h)).toBeUndefined();
      expect(await s.has([h])).toEqual([false]);
      await s.delete(h);
    });

    it('keeps a view of a larger buffer as just the view', async () => {
      const s = await make();
      const big = bytes(100, 6);
      const view = big.subarray(10, 30);
      const h = contentHash(view);
      await s.put(h, view);
      expect((await s.get(h))?.equals(Buffer.from(view))).toBe(true);
    });
  });
}
