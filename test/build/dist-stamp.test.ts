/**
 * @module When `tlab` may run the prebuilt dist/ and when it must run the sources: the stamp check
 * of scripts/dist-stamp.mjs on a throw-away package folder (a fake dist/ and sources).
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseEntry, stampFiles } from '../../scripts/dist-stamp.mjs';

let root: string;

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

/** A package folder with two sources and a build stamped against them. */
function makePackage(options: { git: boolean }): void {
  if (options.git) mkdirSync(path.join(root, '.git'));
  write('src/a.ts', 'export const a = 1;\n');
  write('src/b.ts', 'export const b = 2;\n');
  write('dist/main.js', '// built\n');
  const files = stampFiles(root, ['src/a.ts', 'src/b.ts']);
  write('dist/stamp.json', JSON.stringify({ files }));
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tlab-stamp-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('chooseEntry in a development checkout', () => {
  beforeEach(() => makePackage({ git: true }));

  it('runs dist/ while every recorded source is as the build read it', () => {
    expect(chooseEntry(root, {})).toEqual({ entry: 'dist', reason: 'build matches the sources' });
  });

  it('runs the sources once a source changed, naming the file', () => {
    write('src/b.ts', 'export const b = 3;\n');
    expect(chooseEntry(root, {})).toEqual({
      entry: 'source',
      reason: 'build is stale: src/b.ts changed',
    });
  });

  it('notices an edit that keeps the size (by content, since the mtime moved)', () => {
    write('src/a.ts', 'export const a = 9;\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/a.ts'), later, later);
    expect(chooseEntry(root, {}).entry).toBe('source');
  });

  it('still runs dist/ when a file was rewritten with the same bytes (a checkout)', () => {
    write('src/a.ts', 'export const a = 1;\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/a.ts'), later, later);
    expect(chooseEntry(root, {}).entry).toBe('dist');
  });

  it('runs the sources when a recorded source is gone', () => {
    rmSync(path.join(root, 'src/a.ts'));
    expect(chooseEntry(root, {})).toEqual({
      entry: 'source',
      reason: 'build is stale: src/a.ts is gone',
    });
  });

  it('runs the sources when there is no build or no stamp', () => {
    rmSync(path.join(root, 'dist/stamp.json'));
    expect(chooseEntry(root, {})).toEqual({ entry: 'source', reason: 'no build in dist/' });
    rmSync(path.join(root, 'dist'), { recursive: true });
    expect(chooseEntry(root, {}).entry).toBe('source');
  });

  it('runs the sources when the stamp is unreadable', () => {
    write('dist/stamp.json', '{');
    expect(chooseEntry(root, {}).reason).toBe('dist/stamp.json is unreadable');
  });

  it('runs the sources when TLAB_FROM_SOURCE=1 asks for them', () => {
    expect(chooseEntry(root, { TLAB_FROM_SOURCE: '1' }).entry).toBe('source');
  });
});

describe('chooseEntry in an installed package (no .git)', () => {
  it('runs dist/ without comparing (npm resets mtimes when it unpacks)', () => {
    makePackage({ git: false });
    write('src/b.ts', 'changed by nobody a user knows of\n');
    expect(chooseEntry(root, {})).toEqual({ entry: 'dist', reason: 'installed package' });
  });
});
