// Types of scripts/dist-stamp.mjs (plain JavaScript: bin/tlab.mjs runs it before any TypeScript loader).

/** One file the build read, as it was then. */
export interface StampEntry {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}
export const DIST_MAIN: string;
export const DIST_STAMP: string;
export function stampFiles(root: string, files: readonly string[]): StampEntry[];
export function staleReason(root: string, entries: StampEntry[]): string | undefined;
export function chooseEntry(
  root: string,
  env?: NodeJS.ProcessEnv,
): { entry: 'dist' | 'source'; reason: string };
