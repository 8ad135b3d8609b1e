import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../core/instrument.ts';
import { CandleEvent } from '../candle-event.ts';
import { ReplayClock } from '../clock/replay-clock.ts';
import type { OrderRequest, OrderUpdate } from '../ports/broker.ts';
import { Portfolio } from '../portfolio/portfolio.ts';
import { createFeeModel, type FeeSpec } from './fee-model.ts';
import { createFillModel, type FillModelName } from './fill-model.ts';
import { REJECT, SimulatedBroker } from './simulated-broker.ts';
import { slippageModel, type SlippageSpec } from './slippage-model.ts';

/** An update read with every optional field, as the assertions do. */
type AnyUpdate = OrderUpdate & {
  price?: number;
  lots?: number;
  commission?: number;
  reason?: string;
  code?: string;
};

const H = 3_600_000;
const D0 = Date.UTC(2024, 2, 4); // a Monday, 00:00 UTC

const inst = (o: Partial<Instrument> = {}): Instrument => ({
  uid: 'u1',
  figi: 'F1',
  ticker: 'SBER',
  classCode: 'TQBR',
  isin: 'I1',
  name: 'Sber',
  kind: 'share',
  lot: 1,
  minPriceIncrement: 0.01,
  currency: 'rub',
  shortEnabled: true,
  exchange: 'MOEX',
  ...o,
});

interface Setup {
  instrument?: Partial<Instrument>;
  cash?: number;
  fill?: FillModelName;
  slippage?: SlippageSpec;
  fee?: FeeSpec;
  allowShort?: boolean;
}

/** A broker over one instrument with a portfolio the fills are applied to, as the engine does. */
function setup(o: Setup = {}) {
  const instrument = inst(o.instrument);
  const clock = new ReplayClock(D0);
  const portfolio = new Portfolio([instrument], o.cash ?? 100_000);
  const broker = new SimulatedBroker({
    instruments: [instrument],
    account: portfolio,
    clock,
    fees: createFeeModel(o.fee ?? { kind: 'percent', rate: 0.0005 }, [instrument]),
    fill: createFillModel(o.fill ?? 'next-bar'),
    slippage: slippageModel(o.slippage),
    allowShort: o.allowShort ?? false,
  });
  /** Every update but the acceptances (which `all` keeps too), as the assertions below read them. */
  const updates: AnyUpdate[] = [];
  const all: OrderUpdate[] = [];
  broker.setUpdateListener((u) => {
    if (u.status === 'filled') {
      portfolio.applyFill(0, {
        orderId: u.orderId,
        instrumentUid: 'u1',
        side: u.request.side,
        lots: u.lots,
        price: u.price,
        time: u.time,
        commission: u.commission,
      });
    }
    all.push(u);
    if (u.status !== 'accepted') updates.push(u as AnyUpdate);
  });
  const view = new CandleEvent('u1', 'SBER', '1h', 0);
  /** Shows the broker the hourly candle opening at `t` (and moves the clock to its close). */
  const candle = (t: number, [open, high, low, close]: number[]) => {
    Object.assign(view, { time: t, open, high, low, close, volume: 1, closeTime: t + H });
    broker.onCandle(view);
    clock.advanceTo(t + H);
  };
  const order = (r: Partial<OrderRequest>) =>
    broker.submit({ instrumentUid: 'u1', side: 'buy', lots: 1, type: 'market', ...r });
  return { broker, portfolio, clock, updates, all, candle, order };
}

describe('SimulatedBroker, next-bar fill model', () => {
  it('fills a market order at the next candle open, never at a price of the deciding candle', () => {
    const s = setup();
    s.clock.advanceTo(D0 + H); // decided at the close of the 00:00 candle
    const ack = s.order({});
    expect(ack).toEqual({ orderId: 'sim-1', accepted: true, pending: false });
    expect(s.all).toMatchObject([{ orderId: 'sim-1', status: 'accepted', time: D0 + H }]);
    s.candle(D0, [90, 91, 89, 90]); // the deciding candle itself: opened before the order
    expect(s.updates).toEqual([]);
    s.candle(D0 + H, [100, 101, 99, 100.5]);
    expect(s.updates).toMatchObject([{ status: 'filled', price: 100, lots: 1, time: D0 + H }]);
    // 100 × 0.0005 = 0.05
    expect(s.updates[0].commission).toBe(0.05);
    expect(s.portfolio.cash).toBeCloseTo(100_000 - 100 - 0.05, 9);
  });

  it('applies lots × lot units and rounds commission to kopecks', () => {
    const s = setup({ instrument: { lot: 10 } });
    s.order({ lots: 3 });
    s.candle(D0, [250.37, 251, 250, 250.5]);
    // value 3 × 10 × 250.37 = 7511.1; fee 7511.1 × 0.0005 = 3.75555 → 3.76
    expect(s.updates[0]).toMatchObject({ price: 250.37, lots: 3, commission: 3.76 });
    expect(s.portfolio.units[0]).toBe(30);
    expect(s.portfolio.cash).toBeCloseTo(100_000 - 7511.1 - 3.76, 9);
  });

  it('fills a buy limit when the low trades through it, at the open when the open gapped below', () => {
    const s = setup();
    s.order({ type: 'limit', limitPrice: 99 });
    s.candle(D0, [100, 101, 99.01, 100]); // low above the limit: no fill
    expect(s.updates).toEqual([]);
    s.candle(D0 + H, [100, 100.5, 98.5, 99.5]); // trades through: at the limit
    expect(s.updates[0]).toMatchObject({ status: 'filled', price: 99 });
    s.order({ type: 'limit', limitPrice: 98 });
    s.candle(D0 + 2 * H, [97, 97.5, 96, 97]); // gapped below the limit: at the open, 97
    expect(s.updates[1]).toMatchObject({ status: 'filled', price: 97 });
  });

  it('fills a sell limit when the high trades through it, at the open on a gap up', () => {
    const s = setup({ allowShort: true });
    s.order({ side: 'sell', type: 'limit', limitPrice: 105 });
    s.candle(D0, [100, 104.99, 99, 100]);
    expect(s.updates).toEqual([]);
    s.candle(D0 + H, [106, 107, 105.5, 106]); // gap above: at the open
    expect(s.updates[0]).toMatchObject({ status: 'filled', request: { side: 'sell' }, price: 106 });
  });

  it('triggers a buy stop at the stop, or at the open when the open gapped past it, plus slippage', () => {
    const s = setup({ slippage: { kind: 'ticks', ticks: 2 } });
    s.order({ type: 'stop', stopPrice: 102 });
    s.candle(D0, [100, 101.99, 99, 101]); // high below: not triggered
    expect(s.updates).toEqual([]);
    s.candle(D0 + H, [101, 103, 100.5, 102.5]); // through the stop: 102 + 2 ticks
    expect(s.updates[0]).toMatchObject({ status: 'filled', price: 102.02 });
    s.order({ type: 'stop', stopPrice: 104 });
    s.candle(D0 + 2 * H, [105, 106, 104.5, 105]); // gapped over: open 105 + 2 ticks
    expect(s.updates[1]).toMatchObject({ status: 'filled', price: 105.02 });
  });

  it('triggers a sell stop on a gap down at the open, less slippage', () => {
    const s = setup({ slippage: { kind: 'ticks', ticks: 1 } });
    s.order({ lots: 2 });
    s.candle(D0, [100, 100, 100, 100]);
    s.order({ side: 'sell', lots: 2, type: 'stop', stopPrice: 95 });
    s.candle(D0 + H, [96, 97, 95.01, 96]); // low above the stop
    s.candle(D0 + 2 * H, [90, 91, 89, 90]); // gap through: 90 - 0.01
    expect(s.updates.map((u) => u.price)).toEqual([100.01, 89.99]);
    expect(s.portfolio.lots[0]).toBe(0);
  });

  it('rounds percent slippage against the trader onto the tick grid', () => {
    const s = setup({ slippage: { kind: 'percent', rate: 0.001 } });
    s.order({});
    s.candle(D0, [100.01, 101, 99, 100]); // 100.01 × 1.001 = 100.11001 → up to 100.12
    s.order({ side: 'sell' });
    s.candle(D0 + H, [100.01, 101, 99, 100]); // 100.01 × 0.999 = 99.90999 → down to 99.90
    expect(s.updates.map((u) => u.price)).toEqual([100.12, 99.9]);
  });

  it('snaps limit and stop prices to the nearest tick', () => {
    const s = setup({ instrument: { minPriceIncrement: 0.5 } });
    s.order({ type: 'limit', limitPrice: 100.3 }); // → 100.5
    s.candle(D0, [101, 101, 100.5, 101]);
    expect(s.updates[0]).toMatchObject({ status: 'filled', price: 100.5 });
  });

  it('rejects a buy that costs more than the cash, commission included', () => {
    const s = setup({ cash: 1000 });
    s.order({ lots: 10 });
    s.candle(D0, [100, 100, 100, 100]); // 10 × 100 = 1000 + 0.5 commission > 1000
    expect(s.updates[0].status).toBe('rejected');
    expect(s.updates[0].reason).toMatch(new RegExp(`^${REJECT.cash}`));
    expect(s.portfolio.cash).toBe(1000);
    s.order({ lots: 9 });
    s.candle(D0 + H, [100, 100, 100, 100]);
    expect(s.updates[1].status).toBe('filled');
  });

  it('rejects short sales unless allowShort is on and the instrument is short-enabled', () => {
    const off = setup();
    off.order({ side: 'sell' });
    off.candle(D0, [100, 100, 100, 100]);
    expect(off.updates[0]).toMatchObject({ status: 'rejected' });
    expect(off.updates[0].reason).toMatch(/^short selling not allowed: allowShort is off/);
    const notShortable = setup({ allowShort: true, instrument: { shortEnabled: false } });
    notShortable.order({ side: 'sell' });
    notShortable.candle(D0, [100, 100, 100, 100]);
    expect(notShortable.updates[0].reason).toMatch(/SBER is not short-enabled/);
    const on = setup({ allowShort: true });
    on.order({ side: 'sell' });
    on.candle(D0, [100, 100, 100, 100]);
    expect(on.updates[0].status).toBe('filled');
    expect(on.portfolio.lots[0]).toBe(-1);
  });

  it('expires a day order at the end of its UTC day; a GTC order survives', () => {
    const s = setup();
    s.clock.advanceTo(D0 + 20 * H);
    s.order({ type: 'limit', limitPrice: 90 });
    s.order({ type: 'limit', limitPrice: 90, timeInForce: 'gtc' });
    s.candle(D0 + 20 * H, [100, 100, 99, 100]);
    s.candle(D0 + 28 * H, [100, 100, 99, 100]); // next day
    expect(s.updates).toMatchObject([{ orderId: 'sim-1', status: 'expired', time: D0 + 24 * H }]);
    expect(s.broker.openOrders().map((o) => o.orderId)).toEqual(['sim-2']);
  });

  it('cancels a pending order with an update and reports unknown ids', () => {
    const s = setup();
    const { orderId } = s.order({ type: 'limit', limitPrice: 90 });
    expect(s.broker.cancel(orderId)).toBe(true);
    expect(s.broker.cancel(orderId)).toBe(false);
    expect(s.updates).toMatchObject([{ orderId, status: 'cancelled' }]);
    expect(s.broker.openOrders()).toEqual([]);
  });

  it('rejects malformed requests at once', () => {
    const s = setup();
    expect(s.order({ lots: 0 }).accepted).toBe(false);
    expect(s.order({ lots: 1.5 }).accepted).toBe(false);
    expect(s.order({ type: 'limit' }).reason).toMatch(/limitPrice/);
    expect(s.order({ instrumentUid: 'nope' }).reason).toMatch(/unknown instrument/);
    expect(s.updates.map((u) => u.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(s.updates.map((u) => u.code)).toEqual([
      'invalid-order',
      'invalid-order',
      'invalid-order',
      'unknown-instrument',
    ]);
    expect(s.all.some((u) => u.status === 'accepted')).toBe(false);
  });
});

describe('SimulatedBroker, sandbox fill model', () => {
  it('fills market orders at the next open without slippage', () => {
    const s = setup({ fill: 'sandbox', slippage: { kind: 'ticks', ticks: 5 } });
    s.order({});
    s.candle(D0, [100, 101, 99, 100]);
    expect(s.updates[0]).toMatchObject({ price: 100 });
  });

  it('fills a marketable limit at the first price, a resting one at its own price even on a gap', () => {
    const s = setup({ fill: 'sandbox' });
    s.order({ type: 'limit', limitPrice: 101 }); // first trade 100 <= 101: marketable
    s.candle(D0, [100, 100.5, 99.5, 100]);
    expect(s.updates[0]).toMatchObject({ status: 'filled', price: 100 });
    s.order({ type: 'limit', limitPrice: 99 }); // rests
    s.candle(D0 + H, [100, 100.5, 99.5, 100]);
    s.candle(D0 + 2 * H, [95, 96, 94, 95]); // gaps through 99: the sandbox fills at 99, not 95
    expect(s.updates[1]).toMatchObject({ status: 'filled', price: 99 });
  });

  it('treats limit orders as day orders even when GTC is asked for', () => {
    const s = setup({ fill: 'sandbox' });
    s.order({ type: 'limit', limitPrice: 90, timeInForce: 'gtc' });
    s.candle(D0 + 30 * H, [100, 100, 99, 100]);
    expect(s.updates[0]).toMatchObject({ status: 'expired' });
  });
});
