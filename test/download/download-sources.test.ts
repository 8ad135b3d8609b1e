/**
 * Where downloaded candles say they came from: the emulator names itself in an `x-tlab-venue`
 * header on every gRPC and archive answer, the client exposes it, and the downloader records it on
 * every series it writes, GetCandles and archive paths alike. A replay of a cache names the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { startEmulator, SyntheticMarket, type RunningEmulator } from '../../src/emulator/index.ts';
import { withCliHint } from '../../src/cli/cache-hints.ts';
import { MixedSourceError } from '../../src/data/cache-errors.ts';
import { download, fastClient } from './helpers.ts';

const NOW = Date.UTC(2025, 1, 14, 12);
const market = new SyntheticMarket(5);
const SBER = market.instruments().find((i) => i.ticker === 'SBER')!;
let synthetic: RunningEmulator;
let replay: RunningEmulator;

beforeAll(async () => {
  synthetic = await startEmulator({ seed: 5, now: () => NOW, limits: { enabled: false } });
  replay = await startEmulator({
    source: market,
    venue: 'emulator:data /tmp/cache.sqlite',
    now: () => NOW,
    limits: { enabled: false },
  });
});
afterAll(async () => {
  await synthetic?.stop();
  await replay?.stop();
});

describe('download sources', () => {
  it('labels GetCandles and archive writes with the venue the emulator announces', async () => {
    const client = fastClient(synthetic);
    const store = openStore(':memory:');
    try {
      expect(client.venue()).toBeUndefined();
      const summary = await download(client, store, {
        instruments: 'SBER',
        intervals: ['1m', '1h'],
        range: { from: Date.UTC(2024, 10, 1), to: Date.UTC(2024, 11, 10) },
        source: 'auto',
        now: NOW,
      });
      expect(summary.series.map((s) => [s.interval, s.source, s.archives > 0])).toEqual([
        ['1m', 'emulator:synthetic seed 5', true],
        ['1h', 'emulator:synthetic seed 5', false],
      ]);
      expect(client.venue()).toBe('emulator:synthetic seed 5');
      for (const interval of ['1m', '1h'] as const)
        expect(store.seriesSources(SBER.uid, interval).map((s) => s.source)).toEqual([
          'emulator:synthetic seed 5',
        ]);
      expect(
        store.sourcesIn(SBER.uid, '1m', {
          from: Date.UTC(2024, 10, 1),
          to: Date.UTC(2024, 11, 10),
        }),
      ).toEqual(['emulator:synthetic seed 5']);
    } finally {
      store.close();
      await client.close();
    }
  });

  it('refuses another venue into the same series before fetching, and the CLI words the fix', async () => {
    const store = openStore(':memory:');
    const first = fastClient(synthetic);
    const second = fastClient(replay);
    const req = {
      instruments: 'SBER',
      intervals: ['1h' as const],
      range: { from: Date.UTC(2025, 0, 6), to: Date.UTC(2025, 0, 10) },
      source: 'candles' as const,
      now: NOW,
    };
    try {
      await download(first, store, req);
      const before = replay.stats.callsByMethod['MarketDataService/GetCandles'] ?? 0;
      const err = await download(second, store, {
        ...req,
        range: { from: Date.UTC(2025, 0, 13), to: Date.UTC(2025, 0, 17) },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MixedSourceError);
      expect(replay.stats.callsByMethod['MarketDataService/GetCandles'] ?? 0).toBe(before);
      expect((withCliHint(err) as Error & { oneLine(): string }).oneLine()).toMatch(
        /SBER 1h \(.*\) holds candles from emulator:synthetic seed 5; refusing to add candles from emulator:data \/tmp\/cache\.sqlite: keep the sources apart with --db another file, or remove the series first \(tlab data rm --instrument .* --interval 1h\); --allow-mixed-sources stores the mix on purpose/,
      );
      await download(second, store, {
        ...req,
        range: { from: Date.UTC(2025, 0, 13), to: Date.UTC(2025, 0, 17) },
        allowMixedSources: true,
      });
      expect(store.seriesSources(SBER.uid, '1h').map((s) => s.source)).toEqual([
        'emulator:synthetic seed 5',
        'emulator:data /tmp/cache.sqlite',
      ]);
    } finally {
      store.close();
      await first.close();
      await second.close();
    }
  });
});
