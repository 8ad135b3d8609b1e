/**
 * @module Importing archive files from disk: one zip, or every `*.zip` in a folder (by name), each
 * in its own all-or-nothing transaction. A yearly archive is a few megabytes, so the file is read
 * whole and walked through its central directory (exact entry boundaries), one day at a time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { CandleStore } from '../store.ts';
import { importArchiveBytes, type ImportResult } from './import-archive.ts';

const ARCHIVE_NAME = /^([0-9A-Z]{12})_(\d{4})\.zip$/i;

/**
 * The zip files `target` names: itself, or the `*.zip` files in it sorted by name.
 * @throws NotFoundError when the path is absent; UsageError for a folder without zips.
 */
export function archiveFiles(target: string): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch (err) {
    // Only a missing path is "no such file"; a locked folder or a file in the path is its own
    // problem, named by the CLI's system-failure lines.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new NotFoundError(`no such file or folder: ${target}`, 'check the path to the archive zip or folder');
  }
  if (!stat.isDirectory()) return [target];
  const zips = readdirSync(target)
    .filter((f) => f.toLowerCase().endsWith('.zip'))
    .sort()
    .map((f) => path.join(target, f));
  if (zips.length === 0)
    throw new UsageError(`no .zip files in ${target}`, 'point at a yearly archive zip or a folder of them');
  return zips;
}

/** Imports one archive file; a FIGI in its name (`<FIGI>_<YEAR>.zip`) seeds a new instrument row. */
export async function importArchiveFile(store: CandleStore, file: string): Promise<ImportResult> {
  const label = path.basename(file);
  const figi = ARCHIVE_NAME.exec(label)?.[1]?.toUpperCase();
  let zip: Uint8Array;
  try {
    zip = readFileSync(file);
  } catch (err) {
    // A permission or path problem is named by the CLI's system-failure lines.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new NotFoundError(`cannot read ${file}: ${(err as Error).message}`, 'check the path and its permissions');
  }
  return importArchiveBytes(store, zip, figi ? { label, figi } : { label });
}
