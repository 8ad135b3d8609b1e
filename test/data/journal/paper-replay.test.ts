/**
 * A paper session recorded by `runLiveSession` against a replaying emulator (warm-up from the
 * cache, the stream, the risk guards, the journal) replays offline from its journal alone: the
 * recorded candles through the same kernel with the simulated broker give the same decisions,
 * acks, events and fills, the guards' refusals during the warm-up included.
 */
import { describe, expect, it } from 'vitest';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import { replayRun } from '../../../src/data/journal/index.ts';
import { MINUTE, sessionRig } from '../../live/session/session-rig.ts';

describe('replay of a recorded paper session', () => {
  it('reproduces every decision and fill from the journal alone', async () => {
    const rig = await sessionRig(3000);
    const { link, store, journal } = rig;
    try {
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
    } finally {
      await rig.close();
    }
  }, 120_000);
});
