/**
 * @module The skip-reasons reporter on a real vitest run of a fixture: every skipped suite or test
 * is listed once at the end with its reason, and nothing that ran is.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const vitest = path.resolve(here, '../../node_modules/vitest/vitest.mjs');

it('lists every skip with its reason after the summary', () => {
  const r = spawnSync(process.execPath, [vitest, 'run', '--root', path.join(here, 'fixture')], {
    encoding: 'utf8',
    // A clean environment: the outer run's VITEST_* variables would make the inner one a worker.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  const tail = r.stdout.split('\nSkipped (3):\n')[1];
  expect(tail, r.stdout).toBeDefined();
  expect(tail.trimEnd().split('\n')).toEqual([
    '  skips.check.ts > a suite (skipped: needs a thing that is absent)',
    '  skips.check.ts > a suite that runs > a lone test (skipped: not on this machine)',
    '  skips.check.ts > a suite that runs > notes its reason (decided at run time)',
  ]);
});
