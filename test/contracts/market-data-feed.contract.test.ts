/**
 * @module Runs the MarketDataFeed contract against every implementation: the SQLite cache feed (a
 * real file), the in-memory test feed (synchronous and asynchronous, small batches) and the
 * shared-memory feed of research workers, and the gRPC stream feed over a replaying emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/data/index.ts';
import { batchFromCandles } from '../../src/core/candle.ts';
import { SqliteFeed } from '../../src/data/sqlite-feed.ts';
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
