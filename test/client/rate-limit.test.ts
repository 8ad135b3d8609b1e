/**
 * @module The client-side limiter against the emulator's real per-window limits (window scaled down
 * to 2 s): a burst of calls is paced so that the server never answers RESOURCE_EXHAUSTED, while the
 * same burst without pacing is rejected (which shows the test can fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { createTinvestClient } from '../../src/live/index.ts';
import { TOKEN, WINDOW_MS, emulator, recordingLogger } from './helpers.ts';

const LIMIT = 30;
const OTHER = 'second-t0k3n';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await emulator({
    tokens: [TOKEN, OTHER],
    limits: { windowMs: WINDOW_MS, perService: { MarketDataService: LIMIT } },
  });
});
afterAll(async () => {
  await emu.stop();
});

describe('client-side rate limiting', () => {
  it('keeps a burst of 2.5 windows of calls under the server limit', async () => {
    const c = createTinvestClient({
      endpoint: emu.grpcAddress,
      token: TOKEN,
      logger: recordingLogger(),
      rateLimit: { windowMs: WINDOW_MS, perService: { MarketDataService: LIMIT } },
      retry: { maxRetries: 0 },
    });
    const uid = emu.instruments[0].uid;
    const n = Math.round(LIMIT * 2.5);
    const results = await Promise.all(Array.from({ length: n }, () => c.getTradingStatus(uid)));
    await c.close();
    expect(results).toHaveLength(n);
    expect(emu.stats.rateLimited).toBe(0);
    expect(c.stats()).toMatchObject({ calls: n, attempts: n, rateLimited: 0, failures: 0 });
  });

  it('the same burst without pacing hits the server limit', async () => {
    const c = createTinvestClient({
      endpoint: emu.grpcAddress,
      token: OTHER,
      rateLimit: { enabled: false },
      retry: { maxRetries: 0 },
    });
    const uid = emu.instruments[0].uid;
    const before = emu.stats.rateLimited;
    const settled = await Promise.allSettled(
      Array.from({ length: LIMIT * 2 }, () => c.getTradingStatus(uid)),
    );
    await c.close();
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
    expect(emu.stats.rateLimited - before).toBeGreaterThan(0);
  });
});
