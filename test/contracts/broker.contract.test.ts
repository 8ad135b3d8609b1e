/**
 * @module Runs the Broker contract against every implementation: the simulated broker under each
 * built-in fill model, the GuardedBroker around it, and TinvestBroker against the emulator's
 * sandbox host.
 */
import { CandleEvent } from '../../src/engine/candle-event.ts';
import {
  createFeeModel,
  createFillModel,
  slippageModel,
  Portfolio,
  ReplayClock,
  SimulatedBroker,
  type FillModelName,
} from '../../src/engine/index.ts';
import { GuardedBroker } from '../../src/live/guards/guarded-broker.ts';
import { KillSwitch } from '../../src/live/guards/kill-switch.ts';
import type { Instrument } from '../../src/core/instrument.ts';
import type { Broker } from '../../src/engine/ports/broker.ts';
import { instrument } from '../stubs/candles.ts';
import { describeBrokerContract } from './broker.contract.ts';
import { brokerRig } from '../live/broker/broker-rig.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 4, 7);

/** Wraps the simulated broker (the guards do); the harness shows candles to the wrapper. */
type Wrap = (sim: SimulatedBroker, inst: Instrument, clock: ReplayClock) => Broker;

function simulated(fill: FillModelName, wrap?: Wrap) {
  return async () => {
    const inst = instrument({ ticker: 'SBER' });
    const clock = new ReplayClock(T0);
    const account = new Portfolio([inst], 1_000_000);
    const sim = new SimulatedBroker({
      instruments: [inst],
      account,
      clock,
      fees: createFeeModel('sandbox', [inst]),
      fill: createFillModel(fill),
      slippage: slippageModel(undefined),
      allowShort: true,
    });
    const broker = wrap === undefined ? sim : wrap(sim, inst, clock);
    const view = new CandleEvent(inst.uid, inst.ticker, '1h', 0, 0);
    let t = T0;
    return {
      broker,
      instrument: inst,
      step: async (c: { open: number; high: number; low: number; close: number }) => {
        Object.assign(view, { ...c, time: t, volume: 100, closeTime: t + H });
        clock.advanceTo(t + H);
        broker.onCandle?.(view);
        t += H;
      },
    };
  };
}

describeBrokerContract('SimulatedBroker (next-bar)', simulated('next-bar'));
describeBrokerContract('SimulatedBroker (sandbox)', simulated('sandbox'));

/** Every guard set, with limits far above anything the suite does. */
const generousGuards: Wrap = (sim, inst, clock) => {
  const broker = new GuardedBroker(sim, {
    clock,
    instruments: [inst],
    maxOrderValue: 1e7,
    maxPositionLots: 1_000,
    maxDailyLoss: 1e6,
    equity: () => 1_000_000,
    lastPrice: () => 100,
    tradingStatus: () => 'normal_trading',
    killSwitch: new KillSwitch(clock),
    tradeFrom: T0,
  });
  if (!broker.armed()) throw new Error(`guards not armed: ${broker.missingGuards().join(', ')}`);
  return broker;
};

describeBrokerContract(
  'GuardedBroker around SimulatedBroker (generous limits)',
  simulated('next-bar', generousGuards),
);

// TinvestBroker at the emulator's sandbox host, on a scripted tape the harness writes one minute of
// trades to per candle (open, high, low, close); each step waits until the broker agrees with the venue.
describeBrokerContract('TinvestBroker (emulator sandbox host)', async () => {
  const rig = await brokerRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
  return {
    broker: rig.broker,
    instrument: rig.instrument,
    step: (c) => rig.step(c),
    cleanup: () => rig.close(),
  };
});
