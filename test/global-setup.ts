/**
 * @module Vitest global setup: the CLI tests spawn `bin/tlab.mjs`, which runs the build in dist/;
 * rebuild it first when the sources changed since the last build, so the tests exercise the code
 * as it is (bin would otherwise fall back to the slower TypeScript sources, still correct).
 */
import { ensureBuilt } from '../scripts/ensure-built.ts';

/** Runs once before the whole suite. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
