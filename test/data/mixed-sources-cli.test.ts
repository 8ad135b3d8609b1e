/**
 * The mixed-source scenarios of issue 8 §1 through the real CLI against an in-process emulator:
 * a download over an archive import, an import over a download and a resample over synthetic
 * candles are each refused with one line naming both sources and the fix; with
 * `--allow-mixed-sources` the write goes through, the mix is recorded, and `data verify` flags it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { DAY, makeArchive } from '../fixtures/synthetic-candles.ts';
import { emuEnv, expectOneLineError, runCli } from '../download/helpers.ts';

const UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
/** The download covers Jan 9-11 (Tue-Thu); the archive holds Jan 10 and 11. */
const D0 = Date.UTC(2024, 0, 9);
const EMU = 'emulator:synthetic seed 1';
const ARCHIVE = 'archive:BBG004730N88_2024.zip';

let dir: string;
let zip: string;
let emu: RunningEmulator;
let n = 0;

/** A fresh cache path. */
const freshDb = () => path.join(dir, `c${++n}.sqlite`);
const download = (db: string, interval = '1m', extra: string[] = []) =>
  runCli(
    ['download', '--db', db, '--instrument', 'SBER', '--interval', interval, '--from', '2024-01-09', '--to', '2024-01-12', ...extra],
    emuEnv(emu, { TINKOFF_TOKEN_STRING: 'mixed-sources-token' }),
  );
const importZip = (db: string, extra: string[] = []) => runCli(['data', 'import', zip, '--db', db, ...extra]);

function sourcesOf(db: string, interval: string): string[] {
  const store = openStore(db, { mustExist: true });
  try {
    return store.seriesSources(UID, interval as '1m').map((s) => s.source);
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-mixed-'));
  zip = path.join(dir, 'BBG004730N88_2024.zip');
  writeFileSync(zip, makeArchive(UID, [D0 + DAY, D0 + 2 * DAY], { seed: 7 }));
  emu = await startEmulator({ seed: 1, limits: { enabled: false } });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('mixed sources in one series', () => {
  it('a download over an archive import is refused, naming both sources and the fix', async () => {
    const db = freshDb();
    expect((await importZip(db)).code).toBe(0);
    const r = await download(db);
    expectOneLineError(r, 1, new RegExp(`${ARCHIVE}.*${EMU}.*--db.*tlab data rm`));
    expect(sourcesOf(db, '1m')).toEqual([ARCHIVE]);
  });

  it('an import over a download is refused; with --allow-mixed-sources it is stored and verify flags it', async () => {
    const db = freshDb();
    const first = await download(db);
    expect(first.code, first.stderr).toBe(0);
    const ls = await runCli(['data', 'ls', '--db', db]);
    expect(ls.stdout).toContain(EMU);
    const refused = await importZip(db);
    expectOneLineError(refused, 1, new RegExp(`${EMU}.*${ARCHIVE}.*--allow-mixed-sources`));
    const verified = await runCli(['data', 'verify', '--db', db]);
    expect(verified.stdout).not.toMatch(/source change/);

    const allowed = await importZip(db, ['--allow-mixed-sources']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(sourcesOf(db, '1m')).toEqual([EMU, ARCHIVE]);
    const after = await runCli(['data', 'verify', '--db', db]);
    expect(after.stdout).toMatch(/source change/);
    expect(after.stdout).toContain(`${EMU} -> ${ARCHIVE}`);
    expect(after.stdout).not.toMatch(/, 0 warnings/);
  });

  it('a resample over synthetic hours is refused; --force rebuilds it from the archive minutes', async () => {
    const db = freshDb();
    expect((await download(db, '1h')).code).toBe(0);
    const imported = await importZip(db);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`note: SBER@TQBR 1h in this cache came from ${EMU}, not from this archive`);
    const refused = await runCli(['data', 'resample', '--db', db, '--instrument', UID, '--interval', '1h']);
    expectOneLineError(refused, 1, new RegExp(`${EMU}.*resample:${ARCHIVE}.*--force`));
    expect(sourcesOf(db, '1h')).toEqual([EMU]);

    const forced = await runCli(['data', 'resample', '--db', db, '--instrument', UID, '--interval', '1h', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(sourcesOf(db, '1h')).toEqual([`resample:${ARCHIVE}`]);
  });
});
