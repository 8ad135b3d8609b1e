/**
 * @module `tlab optimize` from an installed package without tsx: the research pool's worker
 * threads run the built dist/config-worker.js, not the TypeScript sources through a loader. The
 * package is laid out as npm installs it (bin/, dist/, src/, package.json, no `.git`) with every
 * dependency of the checkout but tsx, NODE_OPTIONS cleared, and the working directory inside it
 * (where a worker's `--import tsx` would resolve), so a worker that still asked for tsx would fail.
 * Its ranking equals the one the sources give in the checkout. The suite's global setup has just
 * built dist/.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/core/time.ts';
import { openStore } from '../../src/data/index.ts';
import { chooseEntry } from '../../scripts/dist-stamp.mjs';
import { BENCH_START, benchInstrument, writeSeries } from '../../bench/engine-data.ts';
import { ROOT, runCli } from '../cli/run-cli.ts';

const CANDLES = 4_000;
let dir: string;
let pkg: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-installed-'));
  pkg = path.join(dir, 'node_modules', 'tinvest-lab');
  for (const f of ['bin', 'dist', 'src', 'scripts/dist-stamp.mjs', 'package.json']) {
    cpSync(path.join(ROOT, f), path.join(pkg, f), { recursive: true });
  }
  const deps = path.join(pkg, 'node_modules');
  mkdirSync(deps);
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name === 'tsx' || name === '.bin') continue;
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(deps, name));
  }
  db = path.join(dir, 'cache.sqlite');
  const store = openStore(db);
  const inst = benchInstrument(4);
  store.upsertInstrument(inst);
  writeSeries(store, inst, CANDLES, 13);
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const optimize = [
  'optimize',
  '--strategy',
  'sma-cross',
  '--instrument',
  benchInstrument(4).ticker,
  '--interval',
  '1m',
  '--from',
  isoUtc(BENCH_START),
  '--to',
  isoUtc(BENCH_START + CANDLES * 60_000),
  '--grid',
  'fast=5,10',
  '--grid',
  'slow=30,60',
  '--workers',
  '2',
  '--json',
];

/** Runs the installed package's bin from inside it, with NODE_OPTIONS empty (no loader). */
const runInstalled = (args: string[]) =>
  runCli(args, {
    bin: path.join(pkg, 'bin/tlab.mjs'),
    cwd: pkg,
    env: { NODE_OPTIONS: '', TLAB_FROM_SOURCE: '' },
  });

describe('an installed package without tsx', () => {
  it('runs dist/ and has no tsx to load', () => {
    expect(chooseEntry(pkg, {})).toEqual({ entry: 'dist', reason: 'installed package' });
    expect(existsSync(path.join(pkg, 'dist', 'config-worker.js'))).toBe(true);
    expect(existsSync(path.join(pkg, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(path.join(pkg, 'node_modules', 'piscina'))).toBe(true);
  });

  it('optimizes on worker threads running the built worker, as the sources do', async () => {
    const out = path.join(dir, 'opt');
    const [installed, source] = await Promise.all([
      runInstalled([...optimize, '--db', db, '--out', out]),
      runCli([...optimize, '--db', db, '--out', path.join(dir, 'opt-src')], {
        env: { TLAB_FROM_SOURCE: '1' },
      }),
    ]);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    expect(source.code).toBe(0);
    const j = JSON.parse(installed.stdout);
    expect(j.configurations).toBe(4);
    expect(j.results).toEqual(JSON.parse(source.stdout).results);
  });
});
