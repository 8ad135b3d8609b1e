/**
 * @module Shared test data for the run journal: a run's start meta and a temp-dir helper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunStartMeta } from '../../../src/engine/ports/order-journal.ts';
import { instrument } from '../../stubs/candles.ts';

export const SBER = instrument({ ticker: 'SBER' });
export const T0 = Date.UTC(2024, 2, 4, 7);
export const M = 60_000;

/** A paper run's meta; override what a test needs. */
export function meta(overrides: Partial<RunStartMeta> = {}): RunStartMeta {
  return {
    mode: 'paper',
    strategy: 'sma-cross',
    strategySourceHash: 'ab'.repeat(32),
    params: { fast: 3, slow: 5, lots: 1, short: false },
    models: { fillModel: 'next-bar', fees: 0.0005 },
    instruments: [SBER],
    intervals: ['1m'],
    from: T0,
    to: T0 + 60 * M,
    startingCash: 100_000,
    startedAt: Date.UTC(2026, 11, 1, 14),
    ...overrides,
  };
}

/** A fresh temp folder and its removal. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
