/**
 * @module `tlab paper`'s session against an emulator replaying a trading morning at high speed: the
 * strategy warms up on the cache, trades on the stream with the simulated broker, and makes exactly
 * the trades a backtest of the same window makes over the same candles (downloaded afterwards), with
 * the run and its decisions in the journal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import {
  countLiveEvents,
  readLiveEvents,
  readRunProcess,
} from '../../../src/data/journal/index.ts';
import {
  FAST_FEED,
  HOUR,
  MINUTE,
  START,
  backtestOfWindow,
  sessionRig,
  type SessionRig,
} from './session-rig.ts';

describe('paper session over a replaying emulator', () => {
  let rig: SessionRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('trades exactly as a backtest of the same window, warm-up included', async () => {
    rig = await sessionRig(3000);
    const job = { strategy: 'sma-cross', params: { fast: 3, slow: 8 } };
    const live = await runLiveSession(
      {
        mode: 'paper',
        ...job,
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: HOUR,
        forMs: 45 * MINUTE,
        models: { fillModel: 'next-bar' },
        allowShort: false,
        guards: {},
      },
      rig,
    );
    const { window } = live;
    expect(window.tradeFrom).toBeGreaterThanOrEqual(START);
    expect(window.to).toBe(window.tradeFrom + 45 * MINUTE);
    expect(live.outcome).toBe('completed');
    expect(live.result.fills.length).toBeGreaterThan(1);
    // No order before the first live candle closed.
    const first = Math.min(...live.result.fills.map((f) => f.time));
    expect(first).toBeGreaterThanOrEqual(window.tradeFrom);

    const reference = await backtestOfWindow(rig, live, { ...job, fillModel: 'next-bar' });
    expect(live.result.fills).toEqual(reference.fills);
    expect(live.result.trades).toEqual(reference.trades);
    expect(live.result.metrics).toEqual(reference.metrics);

    const record = rig.journal.readRun(live.runId);
    expect(record.mode).toBe('paper');
    expect(record.outcome).toBe('completed');
    expect(record.fills).toEqual(live.result.fills.map((f) => expect.objectContaining(f)));
    expect(record.decisions.length).toBeGreaterThanOrEqual(live.result.fills.length);
    // The journal says which process ran it, and holds the run's live events, one per order accepted.
    expect(readRunProcess(rig.journal, live.runId)?.pid).toBe(process.pid);
    const events = readLiveEvents(rig.journal, live.runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, k) => k));
    expect(events.filter((e) => e.kind === 'order-sent')).toHaveLength(
      record.decisions.filter((d) => d.ack.accepted).length,
    );
    expect(events.some((e) => e.kind === 'stream-connected')).toBe(true);
  });

  it('still trades exactly as the backtest with the stream dropped every 25 messages and stalled twice', async () => {
    rig = await sessionRig(1500, false, true);
    const emu = rig.link.emulator!;
    emu.faults.dropStreamAfter = 25;
    const stalls = [900, 1900].map((ms) => setTimeout(() => emu.stallStreams(), ms));
    const job = { strategy: 'sma-cross', params: { fast: 3, slow: 8 } };
    const live = await runLiveSession(
      {
        mode: 'paper',
        ...job,
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: HOUR,
        forMs: 60 * MINUTE,
        models: { fillModel: 'next-bar' },
        allowShort: false,
        guards: {},
        feed: FAST_FEED,
      },
      rig,
    );
    stalls.forEach(clearTimeout);
    emu.faults.dropStreamAfter = undefined;
    expect(live.counters.reconnects).toBeGreaterThanOrEqual(2);
    expect(live.counters.streamDeaths).toBeGreaterThanOrEqual(1);
    // Every death and reconnect the counters saw is in the journal too.
    const journaled = countLiveEvents(rig.journal, live.runId);
    expect(journaled['stream-reconnect']).toBe(live.counters.reconnects);
    expect(journaled['stream-dead'] ?? 0).toBeGreaterThanOrEqual(1);
    const reference = await backtestOfWindow(rig, live, { ...job, fillModel: 'next-bar' });
    expect(reference.fills.length).toBeGreaterThan(1);
    expect(live.result.fills).toEqual(reference.fills);
    expect(live.result.trades).toEqual(reference.trades);
  });
});
