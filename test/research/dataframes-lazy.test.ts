/**
 * @module danfojs-node stays off the import of the public API: a fresh process that imports
 * src/index.ts has not loaded it until a bridge asks for it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('danfojs loading', () => {
  it('loads only on the first bridge call', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures/lazy-danfo.ts'),
        path.join(root, 'src/index.ts'),
      ],
      { encoding: 'utf8', cwd: root },
    );
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });
});
