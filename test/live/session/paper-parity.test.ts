/**
 * @module `tlab paper`'s session against an emulator replaying a trading morning at high speed: the
 * strategy warms up on the cache, trades on the stream with the simulated broker, and makes exactly
 * the trades a backtest of the same window makes over the same candles (downloaded afterwards), with
 * the run and its decisions in the journal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runRegisteredBacktest } from '../../../src/app/registered-backtest.ts';
import { openVenueLink, type VenueLink } from '../../../src/cli/live/venue-link.ts';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import { fillWarmup } from '../../../src/cli/live/live-instruments.ts';
import { openJournal } from '../../../src/data/journal/open-journal.ts';
import { SqliteFeed } from '../../../src/data/sqlite-feed.ts';
import { openStore, type CandleStore } from '../../../src/data/index.ts';
import { GuardedBroker } from '../../../src/live/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Wednesday 2024-10-02 08:00 UTC (11:00 in Moscow), a trading morning of the synthetic market. */
const START = Date.UTC(2024, 9, 2, 8);

describe('paper session over a replaying emulator', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(): Promise<{ link: VenueLink; store: CandleStore; dir: string }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-paper-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = await openVenueLink({ emulator: true, replay: { from: START, speed: 3000 } });
    cleanups.push(() => link.close());
    const store = openStore(path.join(dir, 'cache.sqlite'));
    cleanups.push(() => store.close());
    return { link, store, dir };
  }

  it('trades exactly as a backtest of the same window, warm-up included', async () => {
    const { link, store, dir } = await setup();
    const journal = openJournal(path.join(dir, 'runs.sqlite'));
    cleanups.push(() => journal.close());
    const live = await runLiveSession(
      {
        mode: 'paper',
        strategy: 'sma-cross',
        params: { fast: 3, slow: 8 },
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: HOUR,
        forMs: 45 * MINUTE,
        models: { fillModel: 'next-bar' },
        allowShort: false,
        guards: {},
      },
      { link, store, journal },
    );
    const { window } = live;
    expect(window.tradeFrom).toBeGreaterThanOrEqual(START);
    expect(window.to).toBe(window.tradeFrom + 45 * MINUTE);
    expect(live.outcome).toBe('completed');
    expect(live.result.fills.length).toBeGreaterThan(1);
    // No order before the first live candle closed.
    expect(Math.min(...live.result.fills.map((f) => f.time))).toBeGreaterThanOrEqual(
      window.tradeFrom,
    );

    // The same window as a backtest over the cache, once the venue has moved past its end.
    const emu = link.emulator!;
    while (emu.clock.now() < window.to + 5 * MINUTE) await new Promise((r) => setTimeout(r, 20));
    await fillWarmup(link.client, store, live.instruments, ['1m'], {
      from: window.warmFrom,
      to: window.to,
      now: emu.clock.now(),
    });
    const reference = await runRegisteredBacktest({
      strategy: 'sma-cross',
      params: { fast: 3, slow: 8 },
      instruments: live.instruments,
      intervals: ['1m'],
      range: { from: window.warmFrom, to: window.to },
      feed: new SqliteFeed(store),
      fillModel: 'next-bar',
      wrapBroker: (inner, clock) =>
        new GuardedBroker(inner, {
          tradeFrom: window.tradeFrom + 1,
          clock,
          instruments: live.instruments,
        }),
    });
    expect(live.result.fills).toEqual(reference.fills);
    expect(live.result.trades).toEqual(reference.trades);
    expect(live.result.metrics).toEqual(reference.metrics);

    const record = journal.readRun(live.runId);
    expect(record.mode).toBe('paper');
    expect(record.outcome).toBe('completed');
    expect(record.fills).toEqual(live.result.fills.map((f) => expect.objectContaining(f)));
    expect(record.decisions.length).toBeGreaterThanOrEqual(live.result.fills.length);
  });
});
