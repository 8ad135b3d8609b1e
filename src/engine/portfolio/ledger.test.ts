import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { FillRecord } from '../result.ts';
import { createFeeModel } from '../sim/fee-model.ts';
import { Ledger } from './ledger.ts';
import { roundMoney } from './money.ts';
import { Portfolio } from './portfolio.ts';

describe('Ledger', () => {
  it('adds decimals exactly where floats drift', () => {
    const l = new Ledger();
    let float = 0;
    for (let i = 0; i < 1000; i++) {
      l.add(0.1);
      float += 0.1;
    }
    expect(l.value).toBe(100);
    expect(float).not.toBe(100);
  });

  it('goes on exactly past 2^53 (BigInt) and with amounts off every grid (printed decimals)', () => {
    const l = new Ledger(9e15);
    l.add(9e15);
    l.add(0.01);
    expect(l.value).toBe(18_000_000_000_000_000);
    l.add(-18e15);
    expect(l.value).toBe(0.01);
    const m = new Ledger(323.74333333333334);
    m.add(0.1);
    expect(m.value).toBe(Number('323.84333333333334'));
    m.addTimes(3, -323.74333333333334);
    expect(m.value).toBe(Number('-647.38666666666668'));
  });

  it('rounds half away from zero on the exact total, and splits a basis so the parts add up', () => {
    const l = new Ledger(1.005);
    expect(l.rounded(2)).toBe(1.01);
    l.add(-2.01);
    expect(l.rounded(2)).toBe(-1.01);
    const basis = new Ledger();
    basis.addTimes(1, 100.01);
    basis.addTimes(1, 100.02);
    basis.addTimes(1, 100.04);
    const realized = new Ledger();
    basis.moveShare(1, 3, realized, -1); // a third of 300.07 is 100.02333…: 100.02
    expect([basis.value, realized.value]).toEqual([200.05, -100.02]);
    basis.moveShare(2, 2, realized, -1);
    expect([basis.value, realized.value]).toEqual([0, -300.07]);
    expect(new Ledger(300.07).per(3)).toBe(300.07 / 3);
  });
});

describe('money does not drift over a million fills', () => {
  it('cash, commission and traded value equal the exact BigInt sums of the cash flows', () => {
    const inst = { uid: 'u1', ticker: 'SBER', lot: 10, minPriceIncrement: 0.01 } as Instrument;
    const fees = createFeeModel({ kind: 'percent', rate: 0.0005 }, [inst]);
    const p = new Portfolio([inst], 1_000_000_000);
    const r = new SeededRandom(42);
    // Exact sums in units of 10^-2 RUB (prices and fees are whole kopecks here).
    let cash = 100_000_000_000n;
    let fee = 0n;
    let traded = 0n;
    let floatCash = 1_000_000_000;
    let kopecks = 25_000; // the price in kopecks, a random walk
    let held = 0;
    const fill: FillRecord = {
      orderId: 'o',
      instrumentUid: 'u1',
      side: 'buy',
      lots: 0,
      price: 0,
      commission: 0,
      time: 0,
    };
    for (let i = 0; i < 1_000_000; i++) {
      kopecks = Math.max(100, kopecks + Math.round(r.normal() * 20));
      const price = kopecks / 100;
      const lots = 1 + Math.floor(r.next() * 50);
      const side = held >= lots && r.next() < 0.5 ? 'sell' : 'buy';
      const value = lots * 10 * price;
      const commission = fees.commission(0, value);
      // The fee independently: 0.05% of the value in kopecks, half up, in integers.
      const exactFee = (BigInt(lots * 10 * kopecks) * 5n * 2n + 10_000n) / 20_000n;
      if (BigInt(Math.round(commission * 100)) !== exactFee) {
        expect.fail(`fill ${i}: fee ${commission} for ${value}, exactly ${exactFee} kopecks`);
      }
      const flow = BigInt(lots * 10 * kopecks);
      cash += side === 'buy' ? -flow - exactFee : flow - exactFee;
      floatCash += side === 'buy' ? -value - commission : value - commission;
      fee += exactFee;
      traded += flow;
      held += side === 'buy' ? lots : -lots;
      p.applyFill(0, { ...fill, side, lots, price, commission, time: i });
    }
    expect(p.cash).toBe(Number(cash) / 100);
    expect(p.commission).toBe(Number(fee) / 100);
    expect(p.tradedValue).toBe(Number(traded) / 100);
    expect(p.lots[0]).toBe(held);
    // The float running sum of the same flows has drifted off the exact cash.
    expect(floatCash).not.toBe(p.cash);
    // Realised P&L and the open cost basis account for every kopeck: cash + cost of the position =
    // start + realised - commissions (exact up to the final roundings of these doubles).
    const open = p.units[0] * p.averagePrice[0];
    const identity = p.cash + open - (1_000_000_000 + p.realized[0] - p.commission);
    expect(Math.abs(identity)).toBeLessThan(1e-3);
    expect(roundMoney(p.equity())).toBe(roundMoney(p.cash + p.units[0] * p.last[0]));
  }, 120_000);
});
