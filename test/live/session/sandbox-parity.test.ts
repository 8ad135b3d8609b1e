/**
 * @module `tlab sandbox`'s session against the emulator's sandbox host replaying a trading morning
 * at a minute a second: orders go to a funded sandbox account through TinvestBroker, and the fills
 * (side, lots, price, commission) are exactly those of a backtest of the same window with the
 * `sandbox` fill model, which replays the sandbox's documented execution on candles. With streams
 * dropping and an order's acknowledgement lost (retried under the same key: one order), the
 * decisions stay the same and the prices stay within two ticks: a decision made on a candle
 * backfilled after a drop reaches a market that has moved on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveSession } from '../../../src/cli/live/live-session.ts';
import { TinvestBroker } from '../../../src/live/index.ts';
import { openFundedSandboxAccount } from '../../../src/live/sandbox-account.ts';
import {
  FAST_FEED,
  HOUR,
  MINUTE,
  backtestOfWindow,
  sessionRig,
  type SessionRig,
} from './session-rig.ts';

type Fill = { side: string; lots: number; price: number; commission: number };
const JOB = { strategy: 'sma-cross', params: { fast: 2, slow: 5 } };

describe('sandbox session over the emulator sandbox host', () => {
  let rig: SessionRig | undefined;
  const brokers: TinvestBroker[] = [];
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.close()));
    await rig?.close();
    rig = undefined;
  });

  /** A sandbox session over the morning, its orders through TinvestBroker on a funded account. */
  async function sandboxSession(speed: number, forMs: number, faults: boolean) {
    rig = await sessionRig(speed, true, faults);
    const { client } = rig.link;
    const emu = rig.link.emulator!;
    const accountId = await openFundedSandboxAccount(client, 1_000_000);
    if (faults) {
      // The second order reaches the venue and its answer is lost; streams drop every 40 messages.
      emu.faults.lostAckOnOrders = [2];
      emu.faults.dropStreamAfter = 40;
    }
    const live = await runLiveSession(
      {
        mode: 'sandbox',
        ...JOB,
        instruments: [{ kind: 'ticker', ticker: 'SBER' }],
        intervals: ['1m'],
        warmupMs: HOUR,
        forMs,
        models: {},
        allowShort: false,
        guards: {},
        ...(faults ? { feed: FAST_FEED } : {}),
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
    emu.faults.dropStreamAfter = undefined;
    const reference = await backtestOfWindow(rig, live, { ...JOB, fillModel: 'sandbox' });
    // The backtest's order on the window's last candle never fills; the venue's does.
    expect(live.result.fills.length - reference.fills.length).toBeLessThanOrEqual(1);
    expect(rig.journal.readRun(live.runId).mode).toBe('sandbox');
    return { live, reference, fills: live.result.fills.slice(0, reference.fills.length) };
  }

  it('fills exactly as a backtest with the sandbox fill model', async () => {
    const { fills, reference } = await sandboxSession(40, 20 * MINUTE, false);
    expect(reference.fills.length).toBeGreaterThan(1);
    const shape = (f: Fill) => `${f.side} ${f.lots} @ ${f.price} fee ${f.commission}`;
    expect(fills.map(shape)).toEqual(reference.fills.map(shape));
  });

  it('through stream drops and a lost acknowledgement: the same decisions, one order each, prices within two ticks', async () => {
    const { live, fills, reference } = await sandboxSession(60, 20 * MINUTE, true);
    expect(reference.fills.length).toBeGreaterThan(1);
    expect(live.counters.reconnects).toBeGreaterThanOrEqual(1);
    // The lost answer was retried (by the client's policy or the broker's own loop) under one key.
    expect(live.counters.retries).toBeGreaterThanOrEqual(1);
    expect(live.counters.ordersSent).toBe(live.result.fills.length);
    expect(fills.map((f) => `${f.side} ${f.lots}`)).toEqual(
      reference.fills.map((f) => `${f.side} ${f.lots}`),
    );
    // A decision on a candle backfilled after a drop reaches a market that has moved on: the
    // sandbox fills at the last trade then, which may be a tick or two from the candle's open.
    fills.forEach((f, k) => {
      const ticks = Math.round(Math.abs(f.price - reference.fills[k].price) / 0.01);
      expect(ticks).toBeLessThanOrEqual(2);
    });
  });
});
