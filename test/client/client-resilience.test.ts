/**
 * @module Failure handling against the emulator's injected faults: retries that hide transient
 * UNAVAILABLE, waiting for the server's rate-limit reset, and the circuit breaker opening on a
 * failing endpoint and closing after a successful probe.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import type { TinkoffApiError } from '../../src/live/index.ts';
import {
  TOKEN,
  clientFor,
  emulator,
  errorText,
  failure,
  recordingLogger,
  sleep,
} from './helpers.ts';

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.stop();
});

/** Global call numbers the emulator will use next: n+1 ... n+k. */
const next = (k: number) => Array.from({ length: k }, (_, i) => emu.stats.unaryCalls + 1 + i);

describe('resilience', () => {
  it('retries injected UNAVAILABLE and surfaces no error', async () => {
    const log = recordingLogger();
    const c = clientFor(emu, log);
    emu.faults.unavailableOnCalls = next(2);
    const uid = emu.instruments[0].uid;
    const status = await c.getTradingStatus(uid);
    await c.close();
    expect(status.instrumentUid).toBe(uid);
    expect(c.stats()).toMatchObject({ calls: 1, attempts: 3, retries: 2, failures: 0 });
    expect(log.lines.filter((l) => l.startsWith('warn retrying'))).toHaveLength(2);
  });

  it('waits for x-ratelimit-reset after RESOURCE_EXHAUSTED, then succeeds', async () => {
    const log = recordingLogger();
    const c = clientFor(emu, log);
    emu.faults.resourceExhaustedOnCalls = next(1);
    const started = Date.now();
    const prices = await c.getLastPrices([emu.instruments[0].uid]);
    const waited = Date.now() - started;
    await c.close();
    expect(prices).toHaveLength(1);
    expect(c.stats()).toMatchObject({ rateLimited: 1, retries: 1, failures: 0 });
    // The emulator reports reset = 1 s; the client waits for it rather than a backoff guess.
    expect(log.lines.some((l) => /MarketDataService rate limited; waiting 1000 ms/.test(l))).toBe(
      true,
    );
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it('opens the circuit on a failing endpoint, fails fast, and closes after a good probe', async () => {
    const log = recordingLogger();
    const c = clientFor(emu, log, {
      retry: { maxRetries: 1, initialDelayMs: 5 },
      breaker: { threshold: 3, halfOpenAfterMs: 300 },
    });
    const uid = emu.instruments[0].uid;
    emu.faults.unavailableOnCalls = next(50);
    const first = (await failure(c.getTradingStatus(uid))) as TinkoffApiError;
    expect([first.grpcName, first.circuitOpen]).toEqual(['UNAVAILABLE', false]);
    const second = (await failure(c.getTradingStatus(uid))) as TinkoffApiError;
    expect(second.circuitOpen).toBe(true);
    expect(second.message).toMatch(/circuit open/);
    const callsWhileOpen = emu.stats.unaryCalls;
    const third = (await failure(c.getTradingStatus(uid))) as TinkoffApiError;
    expect(third.circuitOpen).toBe(true);
    expect(emu.stats.unaryCalls).toBe(callsWhileOpen); // failed fast: nothing reached the server
    emu.faults.unavailableOnCalls = [];
    await sleep(350);
    expect((await c.getTradingStatus(uid)).instrumentUid).toBe(uid); // the half-open probe
    expect((await c.getTradingStatus(uid)).instrumentUid).toBe(uid); // closed again
    await c.close();
    expect(log.lines.some((l) => l.includes('circuit open'))).toBe(true);
    expect(log.lines.some((l) => l.includes('circuit closed'))).toBe(true);
    const seen = [first, second, third].map(errorText).join('\n') + log.lines.join('\n');
    expect(seen).not.toContain(TOKEN);
  });

  it('waits out a 429 from the archive and retries', async () => {
    const limited = await emulator({ limits: { windowMs: 2000, perService: { archive: 2 } } });
    const log = recordingLogger();
    // Client pacing generous on purpose, so the server's limit is what stops the third request.
    const c = clientFor(limited, log, {
      rateLimit: { windowMs: 2000, perService: { archive: 100 } },
    });
    try {
      const uid = limited.instruments[0].uid;
      for (const year of [2001, 2002, 2003])
        expect(await c.archive.fetchYear(uid, year)).toBeNull();
      expect(limited.stats.rateLimited).toBe(1);
      expect(c.stats().archiveRateLimited).toBe(1);
      expect(log.lines.some((l) => /history-data rate limited; waiting [12] s/.test(l))).toBe(true);
    } finally {
      await c.close();
      await limited.stop();
    }
  });
});
