/**
 * @module Runs the MarketDataFeed contract against every implementation: the SQLite cache feed (a
 * real file), the in-memory test feed (synchronous and asynchronous, small batches) and the
 * shared-memory feed of research workers, the gRPC stream feed over a replaying emulator, and the
 * feed over a run journal's recorded candles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/data/index.ts';
import { batchFromCandles } from '../../src/core/candle.ts';
import { SqliteFeed } from '../../src/data/sqlite-feed.ts';
import { JournalFeed } from '../../src/data/journal/journal-feed.ts';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import { SharedFeed, shareSeries } from '../../src/research/shared-candles.ts';
import { streamFeedFactory } from '../live/feed/contract-harness.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { describeMarketDataFeedContract, type FeedSeries } from './market-data-feed.contract.ts';

function memory(options: { async?: boolean; batchSize?: number }) {
  return async (series: readonly FeedSeries[]) => {
    const feed = new MemoryFeed(options);
    for (const s of series) {
      // Everything outside the covered range counts as never fetched.
      feed.add(s.key, s.candles).setMissing(s.key, [
        { from: -Infinity, to: s.covered.from },
        { from: s.covered.to, to: Infinity },
      ]);
    }
    return { feed };
  };
}

describeMarketDataFeedContract('MemoryFeed (sync)', memory({}));
describeMarketDataFeedContract(
  'MemoryFeed (async, batches of 7)',
  memory({ async: true, batchSize: 7 }),
);

describeMarketDataFeedContract('SqliteFeed over a cache file', async (series) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-feed-contract-'));
  const store = openStore(path.join(dir, 'cache.sqlite'));
  for (const s of series)
    store.upsertCandles(s.key.instrumentUid, s.key.interval, s.candles, s.covered);
  return {
    feed: new SqliteFeed(store),
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeMarketDataFeedContract(
  'SharedFeed over shared memory (research workers)',
  async (series) => ({
    feed: new SharedFeed(
      series.map((s) => shareSeries(s.key, [batchFromCandles(s.candles)], [s.covered], ['test'])),
    ),
  }),
);

describeMarketDataFeedContract(
  'GrpcStreamFeed over a replaying emulator (GetCandles, then the stream)',
  streamFeedFactory,
);

describeMarketDataFeedContract(
  "JournalFeed over a run journal's recorded candles",
  async (series) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-feed-contract-journal-'));
    const journal = openJournal(path.join(dir, 'runs.sqlite'));
    const runId = journal.startRun({
      mode: 'paper',
      strategy: 'contract',
      strategySourceHash: '',
      params: {},
      models: {},
      instruments: [],
      intervals: ['1m'],
      from: 0,
      to: 1,
      startingCash: 1,
      startedAt: 0,
    });
    await journal.batch(() => {
      for (const s of series) {
        // Recorded out of order and once twice, as a resumed run may: the feed sorts and dedupes.
        for (const c of [...s.candles].reverse()) journal.recordCandle(runId, s.key, c);
        if (s.candles.length > 0) journal.recordCandle(runId, s.key, s.candles[0]);
        journal.recordCoverage(runId, s.key, s.covered);
      }
    });
    return {
      feed: new JournalFeed(journal.db, runId),
      cleanup: () => {
        journal.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);
