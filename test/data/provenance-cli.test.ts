/**
 * Provenance through the real CLI: a chunk whose checksum fails stops `tlab backtest` with one
 * line naming the series, the day and the repair command; `tlab data rm` removes a range (candles
 * and coverage) and a whole series (then its recorded sources too, so another source may write).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { SyntheticMarket } from '../../src/emulator/index.ts';
import { expectOneLineError, runCli } from '../download/helpers.ts';

const market = new SyntheticMarket(3);
const SBER = market.instruments().find((i) => i.ticker === 'SBER')!;
const RANGE = { from: Date.UTC(2025, 2, 3), to: Date.UTC(2025, 2, 8) };
const DAY = 86_400_000;
let dir: string;
let n = 0;

/** A cache with five days of SBER minutes from `source`. */
function seeded(source = 'archive:BBG004730N88_2025.zip'): string {
  const db = path.join(dir, `p${++n}.sqlite`);
  const store = openStore(db);
  store.upsertInstrument(SBER);
  store.upsertCandles(SBER.uid, '1m', market.minuteCandles(SBER.uid, RANGE.from, RANGE.to), RANGE, { source });
  store.close();
  return db;
}

const backtest = (db: string) =>
  runCli(['backtest', '--db', db, '--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1m',
    '--from', '2025-03-03', '--to', '2025-03-08', '--param', 'fast=5', '--param', 'slow=20']);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-prov-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('provenance through the CLI', () => {
  it('a chunk that fails its checksum stops the backtest with the series, the day and the repair', async () => {
    const db = seeded();
    const clean = await runCli(['backtest', '--db', db, '--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1m',
      '--from', '2025-03-03', '--to', '2025-03-08', '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).dataSources).toEqual([
      { instrument: 'SBER', instrumentUid: SBER.uid, interval: '1m', sources: ['archive:BBG004730N88_2025.zip'] },
    ]);
    const raw = openStore(db);
    // Flip one byte of a close price in the 2025-03-05 chunk, leaving its stored checksum as it was.
    const row = raw.db.prepare("SELECT data FROM candle_chunks WHERE day = '2025-03-05'").pluck().get() as Buffer;
    const data = Buffer.from(row);
    data[data.length - 200] ^= 0x40;
    raw.db.prepare("UPDATE candle_chunks SET data = ? WHERE day = '2025-03-05'").run(data);
    raw.close();

    const r = await backtest(db);
    expectOneLineError(r, 1, /SBER 1m \(.*\): the stored candles of 2025-03-05 fail their checksum: re-import the archive: tlab data import BBG004730N88_2025\.zip/);
    expect(r.stdout).toBe('');
  });

  it('a corrupt downloaded day names the rm and download that replace it', async () => {
    const db = seeded('emulator:synthetic seed 3');
    const raw = openStore(db);
    raw.db.prepare("UPDATE candle_chunks SET checksum = checksum + 1 WHERE day = '2025-03-04'").run();
    raw.close();
    const r = await backtest(db);
    expectOneLineError(
      r,
      1,
      new RegExp(`2025-03-04 fail their checksum: re-download the day: tlab data rm --instrument ${SBER.uid} --interval 1m --from 2025-03-04 --to 2025-03-05, then tlab download`),
    );
  });

  it('data rm removes a range with its coverage, then the whole series with its sources', async () => {
    const db = seeded();
    const part = await runCli(['data', 'rm', '--db', db, '--instrument', 'SBER', '--interval', '1m', '--from', '2025-03-04T12:00', '--to', '2025-03-06']);
    expect(part.code, part.stderr).toBe(0);
    expect(part.stdout).toMatch(/^removed SBER@TQBR 1m 2025-03-04T12:00:00Z\.\.2025-03-06: [\d,]+ candles and their coverage\n$/);
    let store = openStore(db);
    const cut = { from: RANGE.from + DAY + 12 * 3_600_000, to: RANGE.from + 3 * DAY };
    const expected = market.minuteCandles(SBER.uid, RANGE.from, RANGE.to).filter((c) => c.time < cut.from || c.time >= cut.to);
    expect(store.readCandles(SBER.uid, '1m', 0, 4e12)).toEqual(expected);
    expect(store.coveredRanges(SBER.uid, '1m')).toEqual([{ from: RANGE.from, to: cut.from }, { from: cut.to, to: RANGE.to }]);
    expect(store.missingRanges(SBER.uid, '1m', RANGE)).toEqual([cut]);
    expect(store.verify().ok).toBe(true);
    store.close();

    const all = await runCli(['data', 'rm', '--db', db, '--instrument', 'SBER', '--interval', '1m']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('series gone, with its coverage and sources');
    store = openStore(db);
    expect(store.listSeries()).toEqual([]);
    expect(store.seriesSources(SBER.uid, '1m')).toEqual([]);
    store.upsertCandles(SBER.uid, '1m', [], RANGE, { source: 'emulator:synthetic seed 3' });
    store.close();

    const again = await runCli(['data', 'rm', '--db', db, '--instrument', 'SBER', '--interval', '1h']);
    expectOneLineError(again, 1, /has no cached 1h series/);
  });
});
