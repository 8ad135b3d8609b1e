/**
 * @module Atomic file output: everything is written to a temporary file beside the target and
 * renamed over it only when complete, so a crash or an error never leaves a half-written report.
 * Text is buffered and flushed in chunks, so million-row files never become one giant string.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 16;

/** A file being written; visible at its path only after {@link AtomicFileWriter.commit}. */
export class AtomicFileWriter {
  readonly path: string;
  private readonly tempPath: string;
  private fd: number | null;
  private chunks: string[] = [];
  private pending = 0;

  constructor(path: string) {
    this.path = path;
    this.tempPath = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tempPath, 'w');
  }

  /** Appends text; it reaches the disk in chunks of about 64 KiB. */
  write(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  /** Flushes, syncs and renames the temporary file onto the target path. */
  commit(): void {
    const fd = this.openFd();
    this.flush();
    fsyncSync(fd);
    closeSync(fd);
    this.fd = null;
    renameSync(this.tempPath, this.path);
  }

  /** Drops the temporary file; the target path keeps whatever it had before. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tempPath, { force: true });
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    writeSync(this.openFd(), this.chunks.join(''));
    this.chunks = [];
    this.pending = 0;
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.path}: writer already closed`);
    return this.fd;
  }
}

/**
 * Runs `fill` against a fresh {@link AtomicFileWriter} and commits; if `fill` throws, the temporary
 * file is removed and the error rethrown.
 */
export function writeAtomically(path: string, fill: (out: AtomicFileWriter) => void): void {
  const out = new AtomicFileWriter(path);
  try {
    fill(out);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/** Writes a whole text file atomically (UTF-8). */
export function writeFileAtomic(path: string, text: string): void {
  writeAtomically(path, (out) => out.write(text));
}
