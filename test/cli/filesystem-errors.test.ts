/**
 * @module Filesystem and cache failures through the real `tlab` binary, one line each with the fix:
 * the demo on a broken cache (it must exit, not hang), damaged and read-only caches, `data ls` on an
 * empty file, folders and zips that cannot be read, and a cache folder that cannot be written.
 * Permission cases run as `nobody` when the tests run as root (root reads everything).
 */
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { SyntheticMarket } from '../../src/emulator/index.ts';
import { isOneLineError, runCli, UNPRIVILEGED } from './run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-fs-errors-'));
chmodSync(dir, 0o755);
const HANG = 40_000;

/** A small real cache (two weeks of SBER minutes), then `damaged` with pages overwritten. */
let good: string;
let damaged: string;
beforeAll(() => {
  good = path.join(dir, 'good.sqlite');
  const market = new SyntheticMarket(3);
  const sber = market.instruments().find((i) => i.ticker === 'SBER')!;
  const range = { from: Date.UTC(2025, 2, 3), to: Date.UTC(2025, 2, 15) };
  const store = openStore(good);
  store.upsertInstrument(sber);
  store.upsertCandles(sber.uid, '1m', market.minuteCandles(sber.uid, range.from, range.to), range);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  damaged = path.join(dir, 'damaged.sqlite');
  copyFileSync(good, damaged);
  // Keep the header and the schema page, overwrite every page after them.
  const fd = openSync(damaged, 'r+');
  writeSync(fd, Buffer.alloc(statSync(damaged).size - 2 * 16384, 0xab), 0, undefined, 2 * 16384);
  closeSync(fd);
});

describe('the demo stops its emulator on every exit path', () => {
  it('exits with one line on a --db that is not SQLite', async () => {
    const bad = path.join(dir, 'not-sqlite.sqlite');
    writeFileSync(bad, 'this is not an SQLite database at all, just text\n'.repeat(4));
    const r = await runCli(['demo', '--db', bad, '--out', path.join(dir, 'r1')], {
      timeoutMs: HANG,
    });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/is not an SQLite database/);
  });

  it('exits with a line naming the damage on a malformed cache', async () => {
    const r = await runCli(['demo', '--db', damaged, '--out', path.join(dir, 'r2')], {
      timeoutMs: HANG,
    });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/damaged\.sqlite is damaged \(database disk image is malformed\)/);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });

  it('exits with a line naming a read-only cache', async () => {
    const roDir = path.join(dir, 'ro');
    mkdirSync(roDir, { mode: 0o755 });
    const ro = path.join(roDir, 'demo.sqlite');
    copyFileSync(good, ro);
    chmodSync(ro, 0o444);
    const out = path.join(dir, 'r3');
    mkdirSync(out, { mode: 0o777 });
    const r = await runCli(['demo', '--db', ro, '--out', out], {
      timeoutMs: HANG,
      user: UNPRIVILEGED,
    });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/demo\.sqlite is read-only/);
  });
});

describe('caches that cannot be used', () => {
  it('data ls on a damaged cache names the damage and the fix', async () => {
    const r = await runCli(['data', 'ls', '--db', damaged]);
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/is damaged \(database disk image is malformed\).*--db/);
  });

  it('data ls on an empty file writes nothing into it', async () => {
    const empty = path.join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const r = await runCli(['data', 'ls', '--db', empty]);
    expect(statSync(empty).size).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/empty/);
  });

  it('a cache folder that cannot be written', async () => {
    const locked = path.join(dir, 'locked-db');
    mkdirSync(locked, { mode: 0o555 });
    const db = UNPRIVILEGED || process.getuid?.() !== 0 ? path.join(locked, 'sub', 'c.sqlite') : '';
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const target = db || path.join(blocker, 'c.sqlite');
    const zip = path.join(dir, 'BBG004730N88_2024.zip');
    writeFileSync(zip, 'PK');
    const r = await runCli(['data', 'import', zip, '--db', target], {
      user: UNPRIVILEGED,
    });
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(db ? /permission denied: cannot create the folder/ : /is a file/);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });
});

describe('archives that cannot be read', () => {
  const locked = () => {
    const d = path.join(dir, 'locked-zips');
    mkdirSync(d, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(d, 'BBG004730N88_2024.zip'), 'PK');
    return d;
  };
  const db = () => {
    const d = path.join(dir, 'w');
    mkdirSync(d, { recursive: true, mode: 0o777 });
    chmodSync(d, 0o777);
    return path.join(d, 'import.sqlite');
  };

  it('a folder that cannot be read', async () => {
    const r = await runCli(['data', 'import', locked(), '--db', db()], { user: UNPRIVILEGED });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/permission denied: cannot (list|open) .*locked-zips/);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });

  it('a zip in a folder that cannot be read is not "no such file"', async () => {
    const zip = path.join(locked(), 'BBG004730N88_2024.zip');
    const r = await runCli(['data', 'import', zip, '--db', db()], { user: UNPRIVILEGED });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/permission denied/);
    expect(r.stderr).not.toMatch(/no such file/);
  });

  it('a zip that cannot be read', async () => {
    const d = path.join(dir, 'open-zips');
    mkdirSync(d, { recursive: true, mode: 0o755 });
    const zip = path.join(d, 'BBG004730N88_2024.zip');
    writeFileSync(zip, 'PK', { mode: 0o600 });
    const r = await runCli(['data', 'import', zip, '--db', db()], { user: UNPRIVILEGED });
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/permission denied: cannot open .*open-zips\/BBG004730N88_2024\.zip/);
  });

  it('a zip path under a file is not "no such file"', async () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const r = await runCli(['data', 'import', path.join(file, 'x.zip'), '--db', db()]);
    expect(r.code).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/plain-file is a file, not a folder/);
  });
});
