/**
 * @module A ChunkStore in a local folder (a worker's cache): `<dir>/<first two hex>/<sha256>`,
 * each file written to a temporary name and renamed, so a killed worker never leaves a torn chunk
 * under a real name (and a torn one would fail verification anyway).
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isContentHash, type ChunkStore } from './chunk-store.ts';

/** A ChunkStore in `dir` (created on first write). */
export class DirChunkStore implements ChunkStore {
  constructor(readonly dir: string) {}

  private file(hash: string): string {
    if (!isContentHash(hash)) throw new Error(`'${hash}' is not a chunk hash`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  async has(hashes: readonly string[]): Promise<boolean[]> {
    return Promise.all(
      hashes.map((h) =>
        stat(this.file(h)).then(
          () => true,
          () => false,
        ),
      ),
    );
  }

  async put(hash: string, bytes: Uint8Array): Promise<void> {
    const f = this.file(hash);
    await mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.tmp-${process.pid}-${tmpSeq++}`;
    await writeFile(tmp, bytes);
    await rename(tmp, f);
  }

  async get(hash: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async delete(hash: string): Promise<void> {
    await rm(this.file(hash), { force: true });
  }
}

let tmpSeq = 0;
