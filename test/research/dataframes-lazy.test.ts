/**
 * @module danfojs-node stays off the import of the public API: a fresh process that imports
 * src/index.ts has not loaded it until a bridge asks for it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function child(fixture: string): unknown {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'fixtures', fixture),
      path.join(root, 'src/index.ts'),
    ],
    { encoding: 'utf8', cwd: root },
  );
  return JSON.parse(out);
}

describe('danfojs loading', () => {
  it('loads only on the first bridge call', () => {
    expect(child('lazy-danfo.ts')).toEqual({ before: false, after: true });
  });

  it('names the install command when danfojs-node is absent', () => {
    expect(child('missing-danfo.ts')).toEqual({
      name: 'UsageError',
      message: 'danfojs-node is not installed (DataFrames need it)',
      hint: 'run npm install danfojs-node@^1.2.0',
    });
  });
});
