/**
 * @module No fills outside the instrument's sessions: an order decided at Friday's close waits
 * through the break and a dealer's Saturday print and meets Monday's first main-session candle,
 * a market order at its open and a stop the open gapped through at that open (hand-computed below).
 */
import { describe, expect, it } from 'vitest';
import { SessionCalendar } from '../../src/core/session-calendar.ts';
import { selectionKinds } from '../../src/core/trading-sessions.ts';
import { calendarGate, runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import { instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';

const sber = instrument({ ticker: 'SBER' });
const at = (d: number, h: number, m: number) => Date.UTC(2024, 0, d, h, m);
// [time, open, high, low, close]: Fri 5 Jan main, the 15:55 break print, a Saturday dealer print,
// Monday 8 Jan main. 2024-01-05 is a Friday.
const ROWS: [number, number, number, number, number][] = [
  [at(5, 15, 48), 100, 100.1, 99.9, 100],
  [at(5, 15, 49), 100, 100.2, 100, 100.1],
  [at(5, 15, 55), 100.2, 100.3, 100.1, 100.2],
  [at(6, 10, 0), 100.4, 101, 100.4, 100.9],
  [at(8, 7, 0), 102, 102.5, 101.8, 102.2],
  [at(8, 7, 1), 102.2, 102.3, 102, 102.1],
];

function config(gated: boolean): BacktestConfig {
  const feed = new MemoryFeed().add(
    { instrumentUid: sber.uid, interval: '1m' },
    ROWS.map(([time, open, high, low, close]) => ({ time, open, high, low, close, volume: 1 })),
  );
  const strategy = new ScriptedStrategy((k, _c, ctx) => {
    if (k !== 1) return;
    ctx.buy(1);
    ctx.buy(1, { stop: 100.5 });
  });
  return {
    strategy,
    strategyName: 'scripted',
    instruments: [sber],
    interval: '1m',
    range: { from: at(5, 0, 0), to: at(9, 0, 0) },
    feed,
    fees: { kind: 'percent', rate: 0 },
    ...(gated
      ? { sessionGate: calendarGate([new SessionCalendar('MOEX')], selectionKinds('main+evening')) }
      : {}),
  };
}

describe('fills and sessions', () => {
  it('without a gate, both orders fill outside the session (the old behaviour)', async () => {
    const r = await runBacktest(config(false));
    expect(r.fills.map((f) => [new Date(f.time).toISOString(), f.price])).toEqual([
      ['2024-01-05T15:55:00.000Z', 100.2],
      ['2024-01-06T10:00:00.000Z', 100.5],
    ]);
  });

  it('with the session gate, both wait for Monday 07:00 and fill at its open, 102', async () => {
    const r = await runBacktest(config(true));
    expect(r.fills.map((f) => [new Date(f.time).toISOString(), f.price])).toEqual([
      ['2024-01-08T07:00:00.000Z', 102],
      ['2024-01-08T07:00:00.000Z', 102],
    ]);
  });
});
