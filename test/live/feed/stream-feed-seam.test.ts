/**
 * The warm-up seam: a read that starts with part of its range in a SQLite cache file (SqliteFeed as
 * `history`), the next part closed at the venue but not cached (GetCandles), and the rest still to
 * come (the stream), yields exactly the sequence a backtest reads from a cache holding the whole
 * period: no gap and no duplicate at either seam.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, SqliteFeed, type CandleStore } from '../../../src/data/index.ts';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import type { TinvestClient } from '../../../src/live/index.ts';
import {
  HOUR,
  SBER,
  WED,
  clientOf,
  lossAndDuplicates,
  readCandles,
  referenceCandles,
  replayEmulator,
  testFeed,
} from './feed-helpers.ts';

describe('GrpcStreamFeed warm-up from a SQLite cache', () => {
  let emu: RunningEmulator | undefined;
  let client: TinvestClient | undefined;
  let store: CandleStore | undefined;
  let dir = '';
  afterEach(async () => {
    store?.close();
    await client?.close();
    await emu?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cache + GetCandles + stream give exactly the candles a backtest reads from the cache', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 6000);
    client = clientOf(emu);
    dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-feed-seam-'));
    store = openStore(path.join(dir, 'cache.sqlite'));
    const key = { instrumentUid: SBER, interval: '1m' as const };
    const cached = { from: WED + 8 * HOUR, to: WED + 9 * HOUR + 30 * 60_000 };
    const cachedCandles = await referenceCandles(client, key, cached);
    store.upsertCandles(SBER, '1m', cachedCandles, cached);
    const history = new SqliteFeed(store);

    const { feed, events } = testFeed(client, { history });
    const range = { from: WED + 8 * HOUR, to: WED + 11 * HOUR };
    const got = await readCandles(feed, key, range);
    feed.stop();

    // What a backtest over the same period reads: the same cache, completed by a download.
    const rest = { from: cached.to, to: range.to };
    store.upsertCandles(SBER, '1m', await referenceCandles(client, key, rest), rest);
    expect(history.missing(key, range)).toEqual([]);
    const backtest = await readCandles(history, key, range);
    expect(backtest.length).toBeGreaterThan(150);
    expect(lossAndDuplicates(got, backtest)).toEqual({ lost: 0, duplicated: 0 });
    expect(got).toEqual(backtest);

    // Each part came from where it should: the cache, then GetCandles, then the stream.
    const first = events.find((e) => e.kind === 'stream-backfill')!;
    expect(first.cache).toBe(cachedCandles.length);
    expect(first.api as number).toBeGreaterThan(0);
    expect((first.cache as number) + (first.api as number)).toBeLessThan(got.length);
    expect(feed.sources(key, range)).toEqual([
      ...history.sources(key, range),
      'stream:emulator:synthetic seed 1',
    ]);
  });
});
