/**
 * @module Helpers for the client suites: an emulator on loopback with a scaled-down limit window, a
 * client that records every log line, and a check that a secret appears nowhere in what was seen.
 */
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import {
  createTinvestClient,
  type TinvestClient,
  type TinvestClientOptions,
} from '../../src/live/index.ts';
import type { ClientLogger, LogFields } from '../../src/live/index.ts';

/** The token the emulator accepts. */
export const TOKEN = 't0k3n-secret';
/** A token the emulator rejects (must never show up either). */
export const BAD_TOKEN = 'bad-t0k3n-do-not-print';
/** Limit window of the tests' emulators and clients. */
export const WINDOW_MS = 2000;
/** The market clock: Wednesday 2024-10-02 12:00 UTC. */
export const NOW = Date.UTC(2024, 9, 2, 12, 0, 0);

/** A logger that keeps every line. */
export function recordingLogger(): ClientLogger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, f?: LogFields) =>
    lines.push(`${level} ${m} ${JSON.stringify(f ?? {})}`);
  return { lines, debug: rec('debug'), warn: rec('warn') };
}

/** Starts an emulator with the test token and window. */
export function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    tokens: [TOKEN],
    now: () => NOW,
    limits: { windowMs: WINDOW_MS },
    ...options,
  });
}

/** A client for an emulator, with fast retries and the test window. */
export function clientFor(
  emu: RunningEmulator,
  logger: ClientLogger,
  options: Partial<TinvestClientOptions> = {},
): TinvestClient {
  return createTinvestClient({
    endpoint: emu.grpcAddress,
    archiveUrl: emu.archiveUrl,
    token: TOKEN,
    logger,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    rateLimit: { windowMs: WINDOW_MS },
    ...options,
  });
}

/** Everything an error exposes, as text (message, hint, fields, stack). */
export function errorText(e: unknown): string {
  const err = e as Error & { hint?: string; oneLine?: () => string };
  return [JSON.stringify(err), err.message, err.hint, err.stack, err.oneLine?.()].join('\n');
}

/** Awaits a promise that must reject and returns the error. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

/** Sleeps (to let a window or a breaker period pass; never used to assert speed). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
