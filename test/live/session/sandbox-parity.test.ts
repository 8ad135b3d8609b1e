/**
 * @module `tlab sandbox`'s session against the emulator's sandbox host replaying a trading morning
 * at a minute a second: orders go to a funded sandbox account through TinvestBroker, and the fills
 * (side, lots, price, commission) are exactly those of a backtest of the same window with the
 * `sandbox` fill model, which replays the sandbox's documented execution on candles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import { TinvestBroker } from '../../../src/live/index.ts';
import { openFundedSandboxAccount } from '../../../src/live/sandbox-account.ts';
import { HOUR, MINUTE, backtestOfWindow, sessionRig, type SessionRig } from './session-rig.ts';

describe('sandbox session over the emulator sandbox host', () => {
  let rig: SessionRig | undefined;
  const brokers: TinvestBroker[] = [];
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.close()));
    await rig?.close();
    rig = undefined;
  });

  it('fills exactly as a backtest with the sandbox fill model', async () => {
    rig = await sessionRig(60, true);
    const { client } = rig.link;
    const accountId = await openFundedSandboxAccount(client, 1_000_000);
    const job = { strategy: 'sma-cross', params: { fast: 2, slow: 5 } };
    const live = await runLiveSession(
      {
        mode: 'sandbox',
        ...job,
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: HOUR,
        forMs: 20 * MINUTE,
        models: {},
        allowShort: false,
        guards: {},
        accountId,
        venueBroker: (instruments, onEvent) => ({
          label: 'emulator sandbox',
          create: (_account, clock) => {
            const b = new TinvestBroker({
              client,
              accountId,
              sandbox: true,
              instruments,
              now: () => clock.now(),
              onEvent,
            });
            brokers.push(b);
            void b.start();
            return b;
          },
        }),
      },
      rig,
    );
    expect(live.result.fills.length).toBeGreaterThan(1);
    const reference = await backtestOfWindow(rig, live, { ...job, fillModel: 'sandbox' });
    const shape = (f: { side: string; lots: number; price: number; commission: number }) =>
      `${f.side} ${f.lots} @ ${f.price} fee ${f.commission}`;
    // The backtest's order on the window's last candle never fills; the venue's does.
    const compared = reference.fills.length;
    expect(live.result.fills.length - compared).toBeLessThanOrEqual(1);
    expect(live.result.fills.slice(0, compared).map(shape)).toEqual(reference.fills.map(shape));
    expect(rig.journal.readRun(live.runId).mode).toBe('sandbox');
  });
});
