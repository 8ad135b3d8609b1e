/**
 * @module `--out DIR` checked before a run starts: the folder (or the nearest parent that exists)
 * must be a writable directory, so a run never prints its result and then fails on its files.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.ts';

const HINT = 'pick a folder you can write to (it is created when missing)';

/**
 * The absolute folder for `--out`, after checking it can be created or written.
 * @throws UsageError naming `--out` and why it cannot be written.
 */
export function checkOutDir(out: string): string {
  const dir = path.resolve(out);
  let existing = dir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  const isDir = statSync(existing).isDirectory();
  if (existing === dir && !isDir) throw new UsageError(`--out ${out} is a file`, HINT);
  if (!isDir) throw new UsageError(`--out ${out} cannot be written: ${existing} is a file`, HINT);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(
      `--out ${out} cannot be written: no write permission on ${existing}`,
      HINT,
    );
  }
  return dir;
}
