/**
 * @module A run whose orders go to a broker at a venue instead of the simulated one (the sandbox and
 * live rows of the environment table): the kernel trades through it, its fills make the result, and
 * the result's models name the venue rather than fill, fee and slippage models it never used.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/engine/index.ts';
import { candles, instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';
import { VenueLikeBroker } from '../stubs/venue-like-broker.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 4, 7);
const sber = instrument({ ticker: 'SBER' });
const series = { instrumentUid: sber.uid, interval: '1h' as const };
const rows = Array.from({ length: 4 }, () => [100, 100, 100, 100]);

describe('runBacktest with a venue broker', () => {
  it('trades through the venue broker and records the venue as the execution model', async () => {
    let created = 0;
    const result = await runBacktest({
      strategy: new ScriptedStrategy((k, _c, ctx) => {
        if (k === 0) ctx.buy(2);
      }),
      strategyName: 'scripted',
      instruments: [sber],
      interval: '1h',
      range: { from: T0, to: T0 + 4 * H },
      feed: new MemoryFeed().add(series, candles(T0, H, rows)),
      venueBroker: {
        label: 'emulator sandbox',
        create: (_account, clock) => {
          created++;
          return new VenueLikeBroker({ slices: [1, 1], price: 100, now: () => clock.now() });
        },
      },
    });
    expect(created).toBe(1);
    expect(result.fills.map((f) => [f.lots, f.price])).toEqual([
      [1, 100],
      [1, 100],
    ]);
    expect(result.fingerprint.models).toMatchObject({
      venue: 'emulator sandbox',
      fillModel: 'venue',
    });
    expect(result.openPositions?.[0]?.lots).toBe(2);
  });
});
