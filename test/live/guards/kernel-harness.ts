/**
 * @module A guarded run for the guard tests: the real kernel over a MemoryFeed of hourly candles,
 * with a GuardedBroker around the SimulatedBroker (next-bar fills, no fees, shorts allowed), and
 * every order event and guard event recorded.
 */
import type { Instrument } from '../../../src/core/instrument.ts';
import {
  Kernel,
  ReplayClock,
  SimulatedBroker,
  createFeeModel,
  createFillModel,
  slippageModel,
  type OrderUpdate,
  type StrategyContext,
  type CandleEvent,
} from '../../../src/engine/index.ts';
import type { KernelState } from '../../../src/engine/kernel/kernel-state.ts';
import type { GuardedBrokerOptions } from '../../../src/live/guards/guard-options.ts';
import { GuardedBroker } from '../../../src/live/guards/guarded-broker.ts';
import type { LiveEvent } from '../../../src/live/observability/live-event.ts';
import { candles, instrument } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../../stubs/scripted-strategy.ts';

export const H = 3_600_000;
/** Monday 2024-03-04 07:00 UTC. */
export const T0 = Date.UTC(2024, 2, 4, 7);

/** What a guarded run is given. */
export interface GuardedRun {
  /** Closes of consecutive hourly candles from T0 (open = previous close, high/low = body). */
  closes: readonly number[];
  /** Called on every candle with its 0-based index. */
  script: (k: number, ctx: StrategyContext, c: CandleEvent, guard: GuardedBroker) => void;
  /** Guard options besides clock and instruments (the trading status defaults to normal_trading). */
  guards: (
    clock: ReplayClock,
    state: () => KernelState,
  ) => Omit<GuardedBrokerOptions, 'clock' | 'instruments'>;
  instrument?: Partial<Instrument>;
  cash?: number;
}

/** Runs it; returns the updates the strategy saw, the live events and the final state. */
export async function runGuarded(r: GuardedRun) {
  const inst = instrument({ ticker: 'SBER', ...r.instrument });
  const series = { instrumentUid: inst.uid, interval: '1h' as const };
  const rows = r.closes.map((c, i) => {
    const o = i === 0 ? c : r.closes[i - 1];
    return [o, Math.max(o, c), Math.min(o, c), c];
  });
  const clock = new ReplayClock(T0);
  const events: LiveEvent[] = [];
  const updates: OrderUpdate[] = [];
  let guard!: GuardedBroker;
  const strategy = new ScriptedStrategy(
    (k, c, ctx) => r.script(k, ctx, c, guard),
    (u) => updates.push(u),
  );
  const kernel: Kernel = new Kernel({
    strategy,
    instruments: [inst],
    subscriptions: [series],
    range: { from: T0, to: T0 + r.closes.length * H },
    feed: new MemoryFeed().add(series, candles(T0, H, rows)),
    broker: (account) => {
      const sim = new SimulatedBroker({
        instruments: [inst],
        account,
        clock,
        fees: createFeeModel({ kind: 'percent', rate: 0 }, [inst]),
        fill: createFillModel('next-bar'),
        slippage: slippageModel(undefined),
        allowShort: true,
      });
      guard = new GuardedBroker(sim, {
        tradingStatus: () => 'normal_trading',
        onEvent: (e) => events.push(e),
        ...r.guards(clock, () => kernel.state),
        clock,
        instruments: [inst],
      });
      return guard;
    },
    clock,
    startingCash: r.cash ?? 1_000_000,
    historyLength: 10,
    recordEquity: false,
  });
  const state = await kernel.run();
  return { state, updates, events, guard, inst };
}

/** `status code reason` of every update (reasons shortened to their guard name). */
export function statuses(updates: readonly OrderUpdate[]): string[] {
  return updates.map((u) => {
    if (u.status === 'rejected') return `${u.orderId} rejected ${u.code} ${u.reason.split(':')[0]}`;
    if (u.status === 'filled') return `${u.orderId} filled ${u.lots}@${u.price}`;
    return `${u.orderId} ${u.status}`;
  });
}
