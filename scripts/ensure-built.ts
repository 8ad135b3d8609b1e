/**
 * @module Rebuilds dist/ when it is missing or older than the sources, for the test suite (vitest
 * globalSetup) and the benchmarks, which spawn `tlab` and must measure and test the current code.
 * A fresh build is detected in a few milliseconds; a rebuild takes well under a second.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist } from './build.mjs';
import { chooseEntry } from './dist-stamp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/ in `root` unless the build there matches the sources; returns whether it built. */
export async function ensureBuilt(root: string = ROOT): Promise<boolean> {
  if (chooseEntry(root, {}).entry === 'dist') return false;
  await buildDist(root);
  return true;
}
