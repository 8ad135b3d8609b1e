/**
 * @module The public API (`src/index.ts`, the package's entry) used the way a notebook would:
 * emulator → client → download into a cache → backtest → report, all from one import.
 */
import { describe, expect, it } from 'vitest';
import * as lab from '../src/index.ts';

describe('the public API', () => {
  it('runs the whole path from one import', async () => {
    const emu = await lab.startEmulator({ seed: 7 });
    const client = lab.createTinvestClient({
      endpoint: emu.grpcAddress,
      token: 'notebook',
      archiveUrl: emu.archiveUrl,
    });
    const store = lab.openStore(':memory:');
    try {
      const range = { from: Date.UTC(2025, 0, 6), to: Date.UTC(2025, 1, 3) };
      const summary = await lab.downloadHistory(
        lab.historyApiFromClient(client),
        lab.storeForDownload(store),
        {
          instruments: lab.parseInstrumentList('SBER'),
          intervals: ['1h'],
          range,
          source: 'candles',
          now: Date.UTC(2025, 5, 1),
        },
      );
      const sber = store.findInstrument('SBER')!;
      expect(summary.candles).toBeGreaterThan(200);
      expect(store.readCandles(sber.uid, '1h', range.from, range.to)).toHaveLength(summary.candles);
      const entry = lab.getStrategy('sma-cross');
      const result = await lab.runBacktest({
        strategy: entry.create({ fast: 5, slow: 20 }),
        strategyName: entry.name,
        instruments: [sber],
        interval: '1h',
        range,
        feed: new lab.SqliteFeed(store),
      });
      expect(result.metrics.trades).toBe(result.trades.length);
      expect(result.trades.length).toBeGreaterThan(0);
      expect(result.fingerprint.strategy).toBe('sma-cross');
      expect(lab.renderTerminalReport(result)).toContain('sma-cross');
    } finally {
      store.close();
      await client.close();
      await emu.stop();
    }
  });
});
