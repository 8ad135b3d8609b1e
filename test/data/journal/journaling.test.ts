/**
 * The journaling wrappers and JournalFeed on a real file: the feed wrapper records every candle it
 * hands on and the coverage up to the last one, also for a read abandoned half-way; JournalFeed
 * pages through more candles than one page and serves a twice-recorded candle once; a resumed
 * run's broker wrapper numbers its decisions and events after the recorded ones.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candleAt, type CandleBatch } from '../../../src/core/candle.ts';
import {
  JournalFeed,
  JournalingFeed,
  journalingBroker,
  openJournal,
  type SqliteRunJournal,
} from '../../../src/data/journal/index.ts';
import { ReplayClock } from '../../../src/engine/index.ts';
import { randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { VenueLikeBroker } from '../../stubs/venue-like-broker.ts';
import { readAll } from '../../contracts/market-data-feed.contract.ts';
import { M, SBER, T0, meta, tempDir } from './journal-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
let journal: SqliteRunJournal;
beforeEach(() => {
  tmp = tempDir('tlab-journaling-');
  journal = openJournal(path.join(tmp.dir, 'runs.sqlite'));
});
afterEach(() => {
  journal.close();
  tmp.remove();
});

const key = { instrumentUid: SBER.uid, interval: '1m' } as const;

describe('journaling wrappers and JournalFeed', () => {
  it('records what the feed delivered, pages through it back, and covers only what was received', async () => {
    const N = 9000;
    const walk = randomWalk({ seed: 2, count: N, start: T0 });
    const runId = journal.startRun(meta());
    const feed = new JournalingFeed(new MemoryFeed({ batchSize: 1000 }), journal, runId);
    // The inner feed has nothing: a read yields nothing and records nothing.
    expect(await readAll(feed, key, { from: T0, to: T0 + N * M })).toEqual([]);
    const full = new JournalingFeed(new MemoryFeed({ batchSize: 1000 }).add(key, walk), journal, runId);
    const range = { from: T0, to: T0 + N * M };
    const expected = Array.from({ length: N }, (_, i) => candleAt(walk, i));
    await journal.batch(async () => expect(await readAll(full, key, range)).toEqual(expected));
    // A candle received twice (a resumed run) is served once.
    journal.recordCandle(runId, key, expected[5000]);
    const back = new JournalFeed(journal.db, runId);
    expect(await readAll(back, key, range)).toEqual(expected);
    expect(back.missing(key, range)).toEqual([]);
    expect(back.missing(key, { from: T0, to: T0 + (N + 5) * M })).toEqual([
      { from: T0 + N * M, to: T0 + (N + 5) * M },
    ]);
  });

  it('an abandoned read covers up to the close of the last candle it delivered', () => {
    const walk = randomWalk({ seed: 2, count: 100, start: T0 });
    const runId = journal.startRun(meta());
    const feed = new JournalingFeed(new MemoryFeed({ batchSize: 10 }).add(key, walk), journal, runId);
    const it = (feed.read(key, { from: T0, to: T0 + 100 * M }) as Iterable<CandleBatch>)[Symbol.iterator]();
    it.next();
    it.next();
    it.return?.();
    expect(journal.readSoFar(runId).candleCount).toBe(20);
    expect(new JournalFeed(journal.db, runId).covered(key)).toEqual({ from: T0, to: T0 + 20 * M });
  });

  it("a resumed run's broker wrapper continues the numbering after the recorded entries", () => {
    const runId = journal.startRun(meta());
    const clock = new ReplayClock(T0);
    const req = { instrumentUid: SBER.uid, side: 'buy', lots: 2, type: 'market' } as const;
    const first = journalingBroker(new VenueLikeBroker({ slices: [1], price: 100, now: () => clock.now() }), clock, journal, runId);
    first.setUpdateListener(() => {});
    first.submit(req);
    first.onCandle?.({} as never);
    first.onCandle?.({} as never);
    journal.endRun(runId, { outcome: 'killed', endedAt: 1 });

    journal.resumeRun(runId);
    const so = journal.readSoFar(runId);
    expect(so.decisions).toHaveLength(1);
    expect(so.events.map((e) => [e.seq, e.update.status, e.phase, e.at])).toEqual([
      [0, 'accepted', 'hook', 1],
      [1, 'partially-filled', 'hook', 2],
    ]);
    const again = journalingBroker(new VenueLikeBroker({ slices: [], price: 100, now: () => clock.now() }), clock, journal, runId, so);
    again.setUpdateListener(() => {});
    again.submit(req);
    again.onCandle?.({} as never);
    const after = journal.readSoFar(runId);
    expect(after.decisions.map((d) => [d.seq, d.at])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(after.events.map((e) => [e.seq, e.at])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});
