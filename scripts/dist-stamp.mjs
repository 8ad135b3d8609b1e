/**
 * @module Whether the prebuilt CLI in dist/ may run. The build records every file it read (path,
 * size, mtime, SHA-256) in dist/stamp.json; in a development checkout (a `.git` beside package.json)
 * `bin/tlab.mjs` compares them before running dist/, so an edited source never runs from a stale
 * build. The check stats each recorded file (~170, about a millisecond) and hashes only a file whose
 * mtime moved with an unchanged size, so a checkout that rewrote a file with the same bytes still
 * counts as fresh. An installed package (no `.git`) runs dist/ without the check: npm sets every
 * file's mtime when it unpacks, so the stamp would not match there, and its sources never change.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the build writes its entry point and stamp, relative to the package root. */
export const DIST_MAIN = 'dist/main.js';
export const DIST_STAMP = 'dist/stamp.json';

/** SHA-256 of a file's bytes, hex. node:crypto loads only when a file needs hashing (~5 ms). */
function hashFile(file) {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The stamp entries for `files` (paths relative to `root`, forward slashes).
 * @param {string} root
 * @param {readonly string[]} files
 * @returns {{ path: string, size: number, mtimeMs: number, sha256: string }[]}
 */
export function stampFiles(root, files) {
  return [...files].sort().map((rel) => {
    const abs = path.join(root, rel);
    const st = statSync(abs);
    return { path: rel, size: st.size, mtimeMs: st.mtimeMs, sha256: hashFile(abs) };
  });
}

/**
 * Why the recorded files no longer match, or undefined when every one is as the build read it.
 * @param {string} root
 * @param {{ path: string, size: number, mtimeMs: number, sha256: string }[]} entries
 * @returns {string | undefined}
 */
export function staleReason(root, entries) {
  for (const e of entries) {
    const abs = path.join(root, e.path);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return `${e.path} is gone`;
    }
    if (st.size !== e.size) return `${e.path} changed`;
    if (st.mtimeMs !== e.mtimeMs && hashFile(abs) !== e.sha256) return `${e.path} changed`;
  }
  return undefined;
}

/**
 * Which entry point `tlab` should run from `root`: the build (`dist`) or the TypeScript sources
 * through tsx (`source`), with the reason for the choice. `TLAB_FROM_SOURCE=1` forces the sources.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ entry: 'dist' | 'source', reason: string }}
 */
export function chooseEntry(root, env = process.env) {
  if (env.TLAB_FROM_SOURCE === '1') return { entry: 'source', reason: 'TLAB_FROM_SOURCE=1' };
  if (!existsSync(path.join(root, DIST_MAIN)) || !existsSync(path.join(root, DIST_STAMP))) {
    return { entry: 'source', reason: 'no build in dist/' };
  }
  if (!existsSync(path.join(root, '.git'))) return { entry: 'dist', reason: 'installed package' };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(root, DIST_STAMP), 'utf8'));
  } catch {
    return { entry: 'source', reason: 'dist/stamp.json is unreadable' };
  }
  if (!Array.isArray(stamp.files) || stamp.files.length === 0) {
    return { entry: 'source', reason: 'dist/stamp.json lists no files' };
  }
  const stale = staleReason(root, stamp.files);
  return stale === undefined
    ? { entry: 'dist', reason: 'build matches the sources' }
    : { entry: 'source', reason: `build is stale: ${stale}` };
}
