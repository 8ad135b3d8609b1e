/**
 * @module The GrpcStreamFeed entry of the MarketDataFeed contract: the suite's series go into a
 * real SQLite cache that a replaying emulator serves (StoreMarket), its clock started two thirds of
 * the way into the suite's range at high speed, so each full read takes its first part from
 * GetCandles and the rest from the stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Instrument } from '../../../src/core/instrument.ts';
import { openStore } from '../../../src/data/index.ts';
import { StoreMarket } from '../../../src/emulator/market/store-market.ts';
import type { FeedFactory } from '../../contracts/market-data-feed.contract.ts';
import { clientOf, replayEmulator, testFeed } from './feed-helpers.ts';

function instrument(uid: string): Instrument {
  return {
    uid,
    figi: `FIGI-${uid}`,
    ticker: uid.toUpperCase(),
    classCode: 'TQBR',
    isin: '',
    name: uid,
    kind: 'share',
    lot: 1,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: false,
    exchange: 'MOEX',
  };
}

/** Builds a stream feed over an emulator serving exactly `series`. */
export const streamFeedFactory: FeedFactory = async (series) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-stream-contract-'));
  const store = openStore(path.join(dir, 'venue.sqlite'));
  for (const s of series) {
    store.upsertInstrument(instrument(s.key.instrumentUid));
    store.upsertCandles(s.key.instrumentUid, s.key.interval, s.candles, s.covered);
  }
  const from = Math.min(...series.map((s) => s.covered.from));
  const to = Math.max(...series.map((s) => s.covered.to));
  // 6000x: a hundred venue minutes a real second; the last third of the range streams.
  const emu = await replayEmulator(from + Math.floor(((to - from) * 2) / 3), 6000, {
    source: new StoreMarket(store),
  });
  const client = clientOf(emu);
  const { feed } = testFeed(client);
  return {
    feed,
    traits: { cannotKnowMissing: true, rejectsUnknownSeries: true },
    cleanup: async () => {
      feed.stop();
      await client.close();
      await emu.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
