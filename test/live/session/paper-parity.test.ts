/**
 * @module `tlab paper`'s session against an emulator replaying a trading morning at high speed: the
 * strategy warms up on the cache, trades on the stream with the simulated broker, and makes exactly
 * the trades a backtest of the same window makes over the same candles (downloaded afterwards), with
 * the run and its decisions in the journal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import {
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
  });
});
