#!/usr/bin/env node
// Entry point for the `tlab` command: runs the prebuilt JavaScript in dist/ (npm install builds it).
// In a development checkout it runs the TypeScript sources through tsx instead whenever dist/ is
// missing or older than the sources (scripts/dist-stamp.mjs decides), so an edit never runs stale.
import { fileURLToPath } from 'node:url';
import { chooseEntry } from '../scripts/dist-stamp.mjs';

const { entry } = chooseEntry(fileURLToPath(new URL('..', import.meta.url)));

// Map stack frames in the bundle back to src/ only when they are going to be printed.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);

if (entry === 'dist') {
  await import('../dist/main.js');
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'tlab: this install has no build in dist/ and no tsx to run the sources (run npm run build)\n',
    );
    process.exit(1);
  }
  register();
  await import('../src/cli/main.ts');
}
