/**
 * GetOrderBook and GetLastTrades through plain generated stubs, on a stepped venue clock: the
 * contract's shapes, the same book and trades as the tape, nothing from the venue's future, the
 * previous close and price band, and the request errors.
 */
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/emulator/index.ts';
import { quotationToNumber, timestampToMs } from '../../src/wire/convert/index.ts';
import type {
  GetLastTradesResponse,
  GetOrderBookResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, SBER, ts, type Harness } from './helpers.ts';

const MINUTE = 60_000;
const WED = Date.UTC(2024, 9, 2);
const clock = new ReplayClock(WED + 11 * 3_600_000 + 25_500);
let h: Harness;
beforeAll(async () => {
  h = await harness({ clock });
});
afterAll(() => h.close());

const book = (depth: number, instrumentId = SBER.uid) =>
  call<object, GetOrderBookResponse>(h.md, 'getOrderBook', { instrumentId, depth });
const trades = (from: number, to: number) =>
  call<object, GetLastTradesResponse>(h.md, 'getLastTrades', {
    instrumentId: SBER.figi,
    from: ts(from),
    to: ts(to),
    tradeSource: 0,
  });

describe('GetOrderBook', () => {
  it('returns the tape book with last price, previous close and band', async () => {
    const r = (await book(20)).res!;
    const snap = h.emu.tape.book(SBER.uid, clock.now(), 20)!;
    const last = h.emu.tape.lastTrade(SBER.uid, clock.now())!;
    expect(r).toMatchObject({
      figi: SBER.figi,
      depth: 20,
      instrumentUid: SBER.uid,
      ticker: 'SBER',
    });
    expect(r.bids.map((l) => [quotationToNumber(l.price), l.quantity])).toEqual(
      snap.bids.map((l) => [l.price, l.lots]),
    );
    expect(r.asks.map((l) => [quotationToNumber(l.price), l.quantity])).toEqual(
      snap.asks.map((l) => [l.price, l.lots]),
    );
    expect(quotationToNumber(r.lastPrice)).toBe(last.price);
    expect(timestampToMs(r.lastPriceTs)).toBe(last.time);
    expect(timestampToMs(r.orderbookTs)).toBe(snap.time);
    const tue = h.emu.tape.trades(SBER.uid, WED - 86_400_000, WED);
    const close = tue[tue.length - 1].price;
    expect(quotationToNumber(r.closePrice)).toBe(close);
    expect(timestampToMs(r.closePriceTs)).toBe(WED - 86_400_000);
    // The band: 20% either side of the close, on the kopeck grid.
    expect(Math.abs(quotationToNumber(r.limitUp) - close * 1.2)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(quotationToNumber(r.limitDown) - close * 0.8)).toBeLessThanOrEqual(
      0.005 + 1e-9,
    );
  });

  it('is empty while the exchange is closed and refuses a bad depth', async () => {
    const night = new ReplayClock(WED + 2 * 3_600_000);
    const n = await harness({ clock: night });
    try {
      const r = await call<object, GetOrderBookResponse>(n.md, 'getOrderBook', {
        instrumentId: SBER.uid,
        depth: 10,
      });
      expect(r.res!.bids).toEqual([]);
      expect(r.res!.asks).toEqual([]);
      expect(quotationToNumber(r.res!.lastPrice)).toBeGreaterThan(0);
    } finally {
      await n.close();
    }
    for (const depth of [0, 51])
      expect((await book(depth)).err?.code).toBe(status.INVALID_ARGUMENT);
    const missing = await book(10, 'NOPE');
    expect([missing.err?.code, missing.err?.details]).toEqual([status.NOT_FOUND, '50002']);
  });
});

describe('GetLastTrades', () => {
  it('returns the tape trades of [from, to) and nothing after now', async () => {
    const now = clock.now();
    const r = (await trades(now - 5 * MINUTE, now + 10 * MINUTE)).res!;
    const want = h.emu.tape.trades(SBER.uid, now - 5 * MINUTE, now + 1);
    expect(want.length).toBeGreaterThan(10);
    expect(
      r.trades.map((t) => [timestampToMs(t.time), quotationToNumber(t.price), t.quantity]),
    ).toEqual(want.map((t) => [t.time, t.price, t.lots]));
    expect(r.trades.every((t) => t.instrumentUid === SBER.uid && t.ticker === 'SBER')).toBe(true);
    clock.advanceBy(MINUTE);
    const later = (await trades(now - 5 * MINUTE, now + 10 * MINUTE)).res!;
    expect(later.trades.length).toBeGreaterThan(r.trades.length);
  });

  it('answers the request errors with their codes', async () => {
    const bad = await trades(WED + 10_000, WED);
    expect([bad.err?.code, bad.err?.details]).toEqual([status.INVALID_ARGUMENT, '30012']);
    const noFrom = await call<object, GetLastTradesResponse>(h.md, 'getLastTrades', {
      instrumentId: SBER.uid,
      to: ts(WED),
      tradeSource: 0,
    });
    expect(noFrom.err?.details).toBe('30001');
  });
});
