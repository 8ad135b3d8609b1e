/**
 * A paper session recorded by `runLiveSession` against a replaying emulator (warm-up from the
 * cache, the stream, the risk guards, the journal) replays offline from its journal alone: the
 * recorded candles through the same kernel with the simulated broker give the same decisions,
 * acks, events and fills, the guards' refusals during the warm-up included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVenueLink } from '../../../src/cli/live/venue-link.ts';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import { openJournal, replayRun } from '../../../src/data/journal/index.ts';
import { openStore } from '../../../src/data/index.ts';

const MINUTE = 60_000;
const START = Date.UTC(2024, 9, 2, 8);

describe('replay of a recorded paper session', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('reproduces every decision and fill from the journal alone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-paper-replay-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = await openVenueLink({ emulator: true, replay: { from: START, speed: 3000 } });
    cleanups.push(() => link.close());
    const store = openStore(path.join(dir, 'cache.sqlite'));
    cleanups.push(() => store.close());
    const journal = openJournal(path.join(dir, 'runs.sqlite'));
    cleanups.push(() => journal.close());
    const live = await runLiveSession(
      {
        mode: 'paper',
        strategy: 'sma-cross',
        params: { fast: 3, slow: 8 },
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: 30 * MINUTE,
        forMs: 30 * MINUTE,
        models: { fillModel: 'next-bar' },
        allowShort: false,
        guards: {},
      },
      { link, store, journal },
    );
    expect(live.result.fills.length).toBeGreaterThan(1);
    const out = await replayRun(journal, live.runId);
    const record = journal.readRun(live.runId);
    // The guards refused the strategy's orders during the warm-up: the replay sees the same.
    expect(record.decisions.filter((d) => d.ack.code === 'risk-limit').length).toBeGreaterThan(0);
    expect(out.broker).toBe('simulated');
    expect(out.decisions).toBe(record.decisions.length);
    expect(out.events).toBe(record.events.length);
    expect(out.result.fills).toEqual(live.result.fills);
    expect(out.range.from).toBe(live.window.warmFrom);
  }, 120_000);
});
