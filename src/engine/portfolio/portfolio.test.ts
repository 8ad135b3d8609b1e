import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../core/instrument.ts';
import type { FillRecord } from '../result.ts';
import { roundMoney } from './money.ts';
import { Portfolio } from './portfolio.ts';

const sber = { uid: 'u1', ticker: 'SBER', lot: 10 } as Instrument;

function fill(
  side: 'buy' | 'sell',
  lots: number,
  price: number,
  commission: number,
  time: number,
): FillRecord {
  return { orderId: `o${time}`, instrumentUid: 'u1', side, lots, price, commission, time };
}

describe('Portfolio', () => {
  it('tracks cash, lots, units, average price, realised and unrealised P&L', () => {
    const p = new Portfolio([sber], 100_000);
    p.applyFill(0, fill('buy', 2, 100, 1, 1)); // 2 lots × 10 × 100 = 2000
    p.applyFill(0, fill('buy', 2, 110, 1.1, 2)); // avg (100·2 + 110·2)/4 = 105
    expect(p.cash).toBeCloseTo(100_000 - 2000 - 1 - 2200 - 1.1, 9);
    expect(p.lots[0]).toBe(4);
    expect(p.units[0]).toBe(40);
    expect(p.averagePrice[0]).toBe(105);
    p.last[0] = 120;
    // unrealised 40 × (120 - 105) = 600; equity = cash + 40 × 120
    expect(p.position(0).unrealizedPnl).toBe(600);
    expect(p.equity()).toBeCloseTo(p.cash + 4800, 9);
    p.applyFill(0, fill('sell', 1, 120, 0.6, 3)); // realised 1 × 10 × (120 - 105) = 150
    expect(p.realized[0]).toBe(150);
    expect(p.averagePrice[0]).toBe(105);
    expect(p.commission).toBeCloseTo(2.7, 12);
    expect(p.tradedValue).toBe(2000 + 2200 + 1200);
    expect(p.openCount).toBe(1);
  });

  it('closes a round trip when flat, with VWAP entry and exit and net P&L', () => {
    const p = new Portfolio([sber], 100_000);
    p.applyFill(0, fill('buy', 1, 100, 0.5, 1));
    p.applyFill(0, fill('buy', 1, 102, 0.51, 2));
    p.applyFill(0, fill('sell', 2, 105, 1.05, 3));
    // gross = 20 × 105 - (1000 + 1020) = 80; commissions 0.5 + 0.51 + 1.05 = 2.06; net 77.94
    expect(p.trips.trips).toEqual([
      {
        instrument: 'SBER',
        instrumentUid: 'u1',
        side: 'long',
        lots: 2,
        entryTime: 1,
        entryPrice: 101,
        exitTime: 3,
        exitPrice: 105,
        pnl: 77.94,
        commission: 2.06,
      },
    ]);
    expect(p.openCount).toBe(0);
    expect(p.averagePrice[0]).toBe(0);
  });

  it('splits a flipping fill into a closing trip and a new one, commission by lots', () => {
    const p = new Portfolio([sber], 100_000);
    p.applyFill(0, fill('buy', 1, 100, 0.5, 1));
    p.applyFill(0, fill('sell', 3, 90, 1.35, 2)); // closes 1 lot, opens 2 short
    // trip 1: gross 10 × (90 - 100) = -100; commission 0.5 + 1.35 / 3 = 0.95; net -100.95
    expect(p.trips.trips[0]).toMatchObject({
      side: 'long',
      lots: 1,
      pnl: -100.95,
      commission: 0.95,
    });
    expect(p.lots[0]).toBe(-2);
    expect(p.averagePrice[0]).toBe(90);
    p.applyFill(0, fill('buy', 2, 80, 0.8, 3));
    // trip 2: short 2 at 90, covered at 80: gross 20 × 10 = 200; commission 0.90 + 0.80; net 198.30
    expect(p.trips.trips[1]).toMatchObject({
      side: 'short',
      lots: 2,
      entryPrice: 90,
      exitPrice: 80,
      pnl: 198.3,
      commission: 1.7,
    });
    expect(p.realized[0]).toBe(-100 + 200);
  });
});

describe('Portfolio, partial closes', () => {
  it('realises the pro-rata cost basis rounded to kopecks, and the whole of it at the end', () => {
    const one = { uid: 'u1', ticker: 'SBER', lot: 1 } as Instrument;
    const p = new Portfolio([one], 1_000);
    p.applyFill(0, fill('buy', 1, 100.01, 0, 1));
    p.applyFill(0, fill('buy', 1, 100.02, 0, 2));
    p.applyFill(0, fill('buy', 1, 100.04, 0, 3));
    p.applyFill(0, fill('sell', 1, 101, 0, 4)); // basis 300.07 / 3 = 100.02333… → 100.02
    expect(p.realized[0]).toBe(0.98);
    expect(p.averagePrice[0]).toBe(100.025); // 200.05 left for 2 shares
    p.applyFill(0, fill('sell', 2, 101, 0, 5));
    expect(p.realized[0]).toBe(2.93); // 303 - 300.07, exactly
    expect(p.cash).toBe(1_002.93);
    expect(p.trips.trips[0]).toMatchObject({ entryPrice: 300.07 / 3, exitPrice: 101, pnl: 2.93 });
  });
});

describe('roundMoney', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(0.004)).toBe(0);
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
  });
});
