/**
 * @module `--sessions` on the real 2024 SBER minutes: the archive holds weekend and dealer rows (about
 * 30% of 257,500), and `tlab data resample` / the session feed keep exactly the minutes the standard
 * MOEX day says, counted here independently from the UTC clock (weekday; 06:50-15:50 main,
 * 16:00-20:50 evening). Skipped when the archive is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchiveFile, openStore, SqliteFeed, type CandleStore } from '../../src/data/index.ts';
import { RunSessions, SessionFeed } from '../../src/data/session-feed.ts';
import type { Instrument } from '../../src/core/instrument.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const archive = path.join(root, '../shared/data/moex-1m-2024/BBG004730N88_2024.zip');

function expected(times: readonly number[]) {
  const n = { main: 0, evening: 0, outside: 0 };
  for (const t of times) {
    const d = new Date(t);
    const m = d.getUTCHours() * 60 + d.getUTCMinutes();
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    if (weekday && m >= 410 && m < 950) n.main++;
    else if (weekday && m >= 960 && m < 1250) n.evening++;
    else n.outside++;
  }
  return n;
}

describe.skipIf(!existsSync(archive))('sessions on the real SBER archive (skipped: archive absent)', () => {
  let store: CandleStore;
  let sber: Instrument;
  let range: { from: number; to: number };
  beforeAll(async () => {
    store = openStore(':memory:');
    const imported = await importArchiveFile(store, archive);
    sber = store.getInstrument(imported.uid) as Instrument;
    range = imported.covered as { from: number; to: number };
  });
  afterAll(() => store?.close());

  async function count(selection: 'main' | 'main+evening'): Promise<number> {
    const feed = new SessionFeed(new SqliteFeed(store), new RunSessions(store, [sber], selection));
    let n = 0;
    for await (const b of feed.read({ instrumentUid: sber.uid, interval: '1m' }, range)) n += b.length;
    return n;
  }

  it('keeps the main and evening minutes, drops the weekend and dealer ones', async () => {
    const all = store.readCandles(sber.uid, '1m', range.from, range.to).map((c) => c.time);
    const want = expected(all);
    expect(all.length).toBe(257_500);
    // About a quarter (here 30%) of the archive lies outside main and evening.
    expect(want.outside / all.length).toBeGreaterThan(0.25);
    expect(await count('main')).toBe(want.main);
    expect(await count('main+evening')).toBe(want.main + want.evening);
  });
});
