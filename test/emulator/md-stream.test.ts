/**
 * MarketDataStream through a plain generated client on a stepped venue clock: every subscription
 * kind answers with per-item statuses and then delivers data consistent with the tape and the
 * unary services; get_my_subscriptions, unsubscribe, client pings and the server-side stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/emulator/index.ts';
import { quotationToNumber, timestampToMs } from '../../src/wire/convert/index.ts';
import { SecurityTradingStatus } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  SubscriptionAction as A,
  SubscriptionInterval as I,
  SubscriptionStatus as S,
  TradeDirection,
  type MarketDataResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { harness, SBER, type Harness } from './helpers.ts';
import { openServerSide, openStream, payloadOf, type TestStream } from './stream-helpers.ts';

const MINUTE = 60_000;
const WED = Date.UTC(2024, 9, 2);
const clock = new ReplayClock(WED + 9 * 3_600_000 + 30_000);
let h: Harness;
let s: TestStream;
beforeAll(async () => {
  h = await harness({ clock });
  s = openStream(h.emu.grpcAddress);
});
afterAll(async () => {
  s.close();
  await h.close();
});

const SUB = A.SUBSCRIPTION_ACTION_SUBSCRIBE;
const UNSUB = A.SUBSCRIPTION_ACTION_UNSUBSCRIBE;

describe('MarketDataStream subscriptions', () => {
  it('answers a candle subscription item by item', async () => {
    s.send({
      subscribeCandlesRequest: {
        subscriptionAction: SUB,
        waitingClose: true,
        instruments: [
          { figi: '', instrumentId: SBER.uid, interval: I.SUBSCRIPTION_INTERVAL_ONE_MINUTE },
          { figi: '', instrumentId: 'GAZP_TQBR', interval: I.SUBSCRIPTION_INTERVAL_FIVE_MINUTES },
          { figi: '', instrumentId: 'NOPE', interval: I.SUBSCRIPTION_INTERVAL_ONE_MINUTE },
          { figi: '', instrumentId: SBER.uid, interval: I.SUBSCRIPTION_INTERVAL_UNSPECIFIED },
        ],
      },
    });
    const [m] = await s.sync();
    const subs = m.subscribeCandlesResponse!.candlesSubscriptions;
    expect(subs.map((x) => x.subscriptionStatus)).toEqual([
      S.SUBSCRIPTION_STATUS_SUCCESS,
      S.SUBSCRIPTION_STATUS_SUCCESS,
      S.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND,
      S.SUBSCRIPTION_STATUS_INTERVAL_IS_INVALID,
    ]);
    expect(subs[0]).toMatchObject({
      figi: SBER.figi,
      instrumentUid: SBER.uid,
      interval: I.SUBSCRIPTION_INTERVAL_ONE_MINUTE,
      waitingClose: true,
      ticker: 'SBER',
      classCode: 'TQBR',
      subscriptionAction: SUB,
    });
    expect(subs[0].streamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(subs[0].subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(subs[1].ticker).toBe('GAZP');
    expect(m.subscribeCandlesResponse!.trackingId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('delivers the closed minute when it closes, equal to the tape and GetCandles', async () => {
    clock.advanceTo(WED + 9 * 3_600_000 + MINUTE + 10_000);
    const got = await s.sync();
    expect(got.map(payloadOf)).toEqual(['candle']);
    const c = got[0].candle!;
    expect(c.instrumentUid).toBe(SBER.uid);
    expect(timestampToMs(c.time)).toBe(WED + 9 * 3_600_000);
    const [want] = h.emu.tape
      .trades(SBER.uid, WED + 9 * 3_600_000, WED + 9 * 3_600_000 + MINUTE)
      .slice(-1);
    expect(quotationToNumber(c.close)).toBe(want.price);
    expect(timestampToMs(c.lastTradeTs)).toBe(want.time);
  });

  it('subscribes order books with valid depths only and starts with a snapshot', async () => {
    s.send({
      subscribeOrderBookRequest: {
        subscriptionAction: SUB,
        instruments: [
          { figi: '', instrumentId: SBER.uid, depth: 10 },
          { figi: '', instrumentId: SBER.uid, depth: 7 },
        ],
      },
    });
    const got = await s.sync();
    const r = got[0].subscribeOrderBookResponse!.orderBookSubscriptions;
    expect(r.map((x) => [x.depth, x.subscriptionStatus])).toEqual([
      [10, S.SUBSCRIPTION_STATUS_SUCCESS],
      [7, S.SUBSCRIPTION_STATUS_DEPTH_IS_INVALID],
    ]);
    const book = got[1].orderbook!;
    expect(book.depth).toBe(10);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    const snap = h.emu.tape.book(SBER.uid, clock.now(), 10)!;
    expect(book.bids.map((b) => quotationToNumber(b.price))).toEqual(snap.bids.map((b) => b.price));
    expect(book.asks.map((b) => Number(b.quantity))).toEqual(snap.asks.map((b) => b.lots));
  });

  it('streams trades and last prices exactly as the tape has them, then a fresh book', async () => {
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.figi }],
      },
    });
    s.send({
      subscribeLastPriceRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    const acks = await s.sync();
    expect(acks[0].subscribeTradesResponse!.tradeSubscriptions[0].subscriptionStatus).toBe(
      S.SUBSCRIPTION_STATUS_SUCCESS,
    );
    expect(acks[1].subscribeLastPriceResponse!.lastPriceSubscriptions[0].instrumentUid).toBe(
      SBER.uid,
    );
    expect(acks[2].lastPrice!.instrumentUid).toBe(SBER.uid);
    const from = clock.now();
    clock.advanceBy(20_000);
    const got = await s.sync();
    const tape = h.emu.tape.trades(SBER.uid, from, clock.now());
    expect(tape.length).toBeGreaterThan(0);
    const trades = got.filter((m) => m.trade).map((m) => m.trade!);
    expect(
      trades.map((t) => [timestampToMs(t.time), quotationToNumber(t.price), t.quantity]),
    ).toEqual(tape.map((t) => [t.time, t.price, t.lots]));
    expect(trades.map((t) => t.direction)).toEqual(
      tape.map((t) =>
        t.side === 'buy' ? TradeDirection.TRADE_DIRECTION_BUY : TradeDirection.TRADE_DIRECTION_SELL,
      ),
    );
    const prices = got.filter((m) => m.lastPrice).map((m) => quotationToNumber(m.lastPrice!.price));
    expect(prices).toEqual(tape.map((t) => t.price));
    const books = got.filter((m) => m.orderbook);
    expect(books).toHaveLength(1);
    expect(timestampToMs(books[0].orderbook!.time)).toBe(tape[tape.length - 1].time);
    const times = got.map(timeOf);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('reports trading status on subscribe and at each phase change', async () => {
    s.send({
      subscribeInfoRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    s.send({
      subscribeCandlesRequest: {
        subscriptionAction: UNSUB,
        waitingClose: true,
        instruments: [
          { figi: '', instrumentId: SBER.uid, interval: I.SUBSCRIPTION_INTERVAL_ONE_MINUTE },
          { figi: '', instrumentId: 'GAZP_TQBR', interval: I.SUBSCRIPTION_INTERVAL_FIVE_MINUTES },
        ],
      },
    });
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: UNSUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    s.send({
      subscribeLastPriceRequest: {
        subscriptionAction: UNSUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    s.send({
      subscribeOrderBookRequest: {
        subscriptionAction: UNSUB,
        instruments: [{ figi: '', instrumentId: SBER.uid, depth: 10 }],
      },
    });
    const acks = await s.sync();
    expect(acks[1].tradingStatus!.tradingStatus).toBe(
      SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING,
    );
    expect(acks.slice(2).every((m) => JSON.stringify(m).includes('"subscriptionStatus":1'))).toBe(
      true,
    );
    clock.advanceTo(WED + 15 * 3_600_000 + 50 * MINUTE + 1);
    const got = await s.sync();
    expect(
      got.map((m) => [timestampToMs(m.tradingStatus!.time), m.tradingStatus!.tradingStatus]),
    ).toEqual([
      [
        WED + 15 * 3_600_000 + 40 * MINUTE,
        SecurityTradingStatus.SECURITY_TRADING_STATUS_CLOSING_AUCTION,
      ],
      [
        WED + 15 * 3_600_000 + 50 * MINUTE,
        SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING,
      ],
    ]);
  });

  it('lists the active subscriptions and refuses unknown unsubscriptions and actions', async () => {
    s.send({ getMySubscriptions: {} });
    const list = await s.sync();
    expect(list).toHaveLength(5);
    expect(list[0].subscribeCandlesResponse!.candlesSubscriptions).toEqual([]);
    expect(list[3].subscribeInfoResponse!.infoSubscriptions.map((x) => x.instrumentUid)).toEqual([
      SBER.uid,
    ]);
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: UNSUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    s.send({
      subscribeTradesRequest: {
        subscriptionAction: A.SUBSCRIPTION_ACTION_UNSPECIFIED,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
    });
    const r = await s.sync();
    expect(
      r.map((m) => m.subscribeTradesResponse!.tradeSubscriptions[0].subscriptionStatus),
    ).toEqual([
      S.SUBSCRIPTION_STATUS_SUBSCRIPTION_NOT_FOUND,
      S.SUBSCRIPTION_STATUS_SUBSCRIPTION_ACTION_IS_INVALID,
    ]);
  });

  it('answers a client ping with its request time and the stream id', async () => {
    s.send({ ping: { time: { seconds: 1_700_000_000, nanos: 0 } } });
    const p = await s.next((m) => m.ping?.pingRequestTime?.seconds === 1_700_000_000);
    expect(p.ping!.streamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(timestampToMs(p.ping!.time)).toBe(clock.now());
  });
});

describe('MarketDataServerSideStream', () => {
  it('takes its subscriptions from the request and streams like the bidirectional one', async () => {
    const ss = openServerSide(h.emu.grpcAddress, {
      subscribeInfoRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
      },
      subscribeTradesRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.uid }],
        tradeSource: 0,
        withOpenInterest: false,
      },
    });
    try {
      await ss.next((m) => m.subscribeInfoResponse !== undefined);
      await ss.next((m) => m.subscribeTradesResponse !== undefined);
      await ss.next((m) => m.tradingStatus !== undefined);
      clock.advanceTo(WED + 86_400_000 + 7 * 3_600_000 + 30_000);
      const thu = WED + 86_400_000 + 7 * 3_600_000;
      const evening = await ss.next((m) => m.trade !== undefined);
      expect(timestampToMs(evening.trade!.time)).toBeGreaterThanOrEqual(
        WED + 16 * 3_600_000 + 5 * MINUTE,
      );
      const t = await ss.next((m) => (timestampToMs(m.trade?.time) ?? 0) >= thu);
      expect(timestampToMs(t.trade!.time)).toBeLessThan(clock.now());
      const status = ss.messages
        .filter((m) => m.tradingStatus)
        .map((m) => m.tradingStatus!.tradingStatus);
      expect(status.slice(-2)).toEqual([
        SecurityTradingStatus.SECURITY_TRADING_STATUS_OPENING_AUCTION_PERIOD,
        SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING,
      ]);
    } finally {
      ss.close();
    }
  });
});

function timeOf(m: MarketDataResponse): number {
  const x =
    m.trade?.time ??
    m.lastPrice?.time ??
    m.orderbook?.time ??
    m.candle?.lastTradeTs ??
    m.tradingStatus?.time;
  return timestampToMs(x) ?? 0;
}
