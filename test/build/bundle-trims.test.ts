/**
 * @module The start-up trims of the build (scripts/build.mjs) are in the bundle the CLI runs:
 * string-width's segmenter and `\p{RGI_Emoji}` pattern are built on first use, not at load; zod
 * carries its English messages only; the output is minified but keeps class names (errors are
 * matched by name). A library update that slips past a trim shows here, not only in the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/ensure-built.ts';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

let chunks: { name: string; text: string }[] = [];

beforeAll(async () => {
  await ensureBuilt();
  chunks = readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(path.join(DIST, name), 'utf8') }));
}, 120_000);

const holding = (needle: string | RegExp) =>
  chunks
    .filter((c) => (typeof needle === 'string' ? c.text.includes(needle) : needle.test(c.text)))
    .map((c) => c.name);

describe('the CLI bundle', () => {
  it('builds the segmenter and the RGI_Emoji pattern only when a width is measured', () => {
    expect(holding('lazyRgiEmoji??=')).toEqual(['main.js']);
    expect(holding('lazySegmenter??=')).toEqual(['main.js']);
    expect(holding(/rgiEmojiRegex\s*=\s*(new RegExp|\/)/)).toEqual([]);
    expect(holding(/segmenter\s*=\s*new Intl\.Segmenter/)).toEqual([]);
  });

  it('carries zod with its English locale only', () => {
    expect(holding('Invalid input').length).toBeGreaterThan(0);
    expect(holding('zu haben')).toEqual([]); // German
    expect(holding('Entrada inv')).toEqual([]); // Spanish
  });

  it('is minified and keeps the class names errors are told apart by', () => {
    const main = chunks.find((c) => c.name === 'main.js')?.text ?? '';
    expect(main.split('\n').length).toBeLessThan(500);
    // `X=class extends ...` keeps the name X: new.target.name gives the error its name.
    expect(holding(/\bUsageError=class extends\b/).length).toBeGreaterThan(0);
  });
});
