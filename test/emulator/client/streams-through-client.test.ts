/**
 * The venue's streams and market-data rpcs through our TinvestClient: MarketDataStream and
 * MarketDataServerSideStream, TradesStream and OrderStateStream, PortfolioStream and PositionsStream
 * on stubs from `client.raw.stub` (the client's channel and interceptors, so its token), and
 * GetLastPrices, GetTradingStatus, GetOrderBook, GetLastTrades and GetCandles, with values from the
 * scripted tape: last trade 270.15 at T0-30 s, book 270.10 x 50 / 270.20 x 50, a sell of 100 lots
 * at 269.50 at T0+10 s.
 */
import type { ClientReadableStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  moneyToString,
  msToTimestamp,
  quotationToString,
  timestampToMs,
} from '../../../src/wire/convert/index.ts';
import {
  GetLastTradesRequest,
  GetOrderBookRequest,
  MarketDataRequest,
  MarketDataServerSideStreamRequest,
  MarketDataServiceService as MarketData,
  MarketDataStreamServiceClient,
  SubscriptionAction,
  SubscriptionStatus,
  TradeDirection,
  type MarketDataResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import {
  OperationsStreamServiceClient,
  type PortfolioStreamResponse,
  type PositionsStreamResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  OrderExecutionReportStatus as S,
  OrdersServiceService as Orders,
  OrdersStreamServiceClient,
  type OrderStateStreamResponse,
  type TradesStreamResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { ResultSubscriptionStatus } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import type { DeepPartial } from '../stream-helpers.ts';
import { orderRequest } from '../trading/order-helpers.ts';
import { StreamReader } from '../trading/stream-reader.ts';
import { clientHarness, SBER, T0, type ClientHarness } from './client-harness.ts';

let h: ClientHarness | undefined;
const readers: StreamReader<unknown>[] = [];
afterEach(async () => {
  for (const r of readers.splice(0)) r.close();
  await h?.close();
  h = undefined;
});

function read<T>(stream: ClientReadableStream<T>): StreamReader<T> {
  const r = new StreamReader(stream);
  readers.push(r as StreamReader<unknown>);
  return r;
}

const SUB = SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE;
const ON_SBER = [{ figi: '', instrumentId: SBER.uid }];

describe('market data through our client', () => {
  it('GetLastPrices, GetTradingStatus, GetOrderBook, GetLastTrades and GetCandles', async () => {
    h = await clientHarness();
    const [last] = await h.client.getLastPrices([SBER.uid]);
    expect(last).toMatchObject({ instrumentUid: SBER.uid, figi: SBER.figi, price: 270.15 });
    expect(last.time).toBe(T0 - 30_000);
    // Wednesday 13:00 Moscow time: the main session.
    const st = await h.client.getTradingStatus(SBER.uid);
    expect(st).toMatchObject({ status: 'normal_trading', apiTradeAvailable: true });
    expect(st.limitOrderAvailable && st.marketOrderAvailable).toBe(true);
    const book = await h.call(
      MarketData.getOrderBook,
      GetOrderBookRequest.fromPartial({ instrumentId: SBER.uid, depth: 1 }),
    );
    expect(book.bids.map((b) => [quotationToString(b.price), b.quantity])).toEqual([['270.1', 50]]);
    expect(book.asks.map((b) => [quotationToString(b.price), b.quantity])).toEqual([['270.2', 50]]);
    expect(quotationToString(book.lastPrice)).toBe('270.15');
    h.venue.clock.advanceTo(T0 + 20_000);
    const trades = await h.call(
      MarketData.getLastTrades,
      GetLastTradesRequest.fromPartial({
        instrumentId: SBER.uid,
        from: msToTimestamp(T0),
        to: msToTimestamp(T0 + 20_000),
      }),
    );
    expect(trades.trades.map((t) => [quotationToString(t.price), t.quantity, t.direction])).toEqual(
      [['269.5', 100, TradeDirection.TRADE_DIRECTION_SELL]],
    );
    // Complete minute candles of the synthetic market: 07:00..07:59 UTC, one a minute.
    const candles = await h.client.getCandles({
      instrumentId: SBER.uid,
      interval: '1m',
      from: T0 - 3 * 3_600_000,
      to: T0 - 2 * 3_600_000,
    });
    expect(candles).toHaveLength(60);
    expect(candles.map((c) => c.time)).toEqual(
      Array.from({ length: 60 }, (_, i) => T0 - 3 * 3_600_000 + i * 60_000),
    );
    for (const c of candles) expect(c.low <= Math.min(c.open, c.close)).toBe(true);
  });

  it('MarketDataStream and MarketDataServerSideStream: acks, then last price, trade and book', async () => {
    h = await clientHarness();
    const stub = h.client.raw.stub(MarketDataStreamServiceClient);
    const duplex = stub.marketDataStream();
    const bidi = read(duplex as unknown as ClientReadableStream<MarketDataResponse>);
    const send = (r: DeepPartial<MarketDataRequest>) =>
      duplex.write(MarketDataRequest.fromPartial(r));
    send({ subscribeLastPriceRequest: { subscriptionAction: SUB, instruments: ON_SBER } });
    send({ subscribeTradesRequest: { subscriptionAction: SUB, instruments: ON_SBER } });
    send({
      subscribeOrderBookRequest: {
        subscriptionAction: SUB,
        instruments: [{ figi: '', instrumentId: SBER.uid, depth: 1 }],
      },
    });
    const side = read(
      stub.marketDataServerSideStream(
        MarketDataServerSideStreamRequest.fromPartial({
          subscribeLastPriceRequest: { subscriptionAction: SUB, instruments: ON_SBER },
        }),
      ),
    );
    const [ack] = await bidi.waitFor((m) => m.subscribeLastPriceResponse !== undefined);
    expect(ack.subscribeLastPriceResponse!.lastPriceSubscriptions[0]).toMatchObject({
      instrumentUid: SBER.uid,
      subscriptionStatus: SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS,
    });
    const [book] = await bidi.waitFor((m) => m.orderbook !== undefined);
    expect(book.orderbook!.bids.map((b) => quotationToString(b.price))).toEqual(['270.1']);
    expect(book.orderbook!.asks.map((b) => quotationToString(b.price))).toEqual(['270.2']);
    await side.waitFor((m) => m.subscribeLastPriceResponse !== undefined);
    await bidi.waitFor((m) => m.lastPrice !== undefined);
    h.venue.clock.advanceTo(T0 + 20_000);
    const [trade] = await bidi.waitFor((m) => m.trade !== undefined);
    expect(trade.trade).toMatchObject({
      instrumentUid: SBER.uid,
      direction: TradeDirection.TRADE_DIRECTION_SELL,
      quantity: 100,
    });
    expect(quotationToString(trade.trade!.price)).toBe('269.5');
    expect(timestampToMs(trade.trade!.time)).toBe(T0 + 10_000);
    for (const r of [bidi, side]) {
      const prices = await r.waitFor((m) => quotationToString(m.lastPrice?.price) === '269.5');
      expect(timestampToMs(prices[0].lastPrice!.time)).toBe(T0 + 10_000);
    }
    // get_my_subscriptions answers with one subscription response per kind, as the API does.
    send({ getMySubscriptions: {} });
    const mine = await bidi.waitFor((m) => m.subscribeTradesResponse !== undefined, 2);
    expect(mine[1].subscribeTradesResponse!.tradeSubscriptions.map((x) => x.instrumentUid)).toEqual(
      [SBER.uid],
    );
    const books = await bidi.waitFor((m) => m.subscribeOrderBookResponse !== undefined, 2);
    expect(books[1].subscribeOrderBookResponse!.orderBookSubscriptions[0].depth).toBe(1);
    duplex.end();
  });
});

describe('order and account streams through our client', () => {
  it('TradesStream, OrderStateStream, PortfolioStream and PositionsStream', async () => {
    h = await clientHarness();
    const [{ id: acc }] = await h.client.getAccounts();
    const orders = h.client.raw.stub(OrdersStreamServiceClient);
    const ops = h.client.raw.stub(OperationsStreamServiceClient);
    const trades = read<TradesStreamResponse>(orders.tradesStream({ accounts: [acc] }));
    const states = read<OrderStateStreamResponse>(orders.orderStateStream({ accounts: [acc] }));
    const pf = read<PortfolioStreamResponse>(ops.portfolioStream({ accounts: [acc] }));
    const pos = read<PositionsStreamResponse>(
      ops.positionsStream({ accounts: [acc], withInitialPositions: true }),
    );
    const [sub] = await trades.waitFor((m) => m.subscription !== undefined);
    expect(sub.subscription?.status).toBe(ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_OK);
    await states.waitFor((m) => m.subscription !== undefined);
    await pf.waitFor((m) => m.subscriptions !== undefined);
    const [initial] = await pos.waitFor((m) => m.initialPositions !== undefined);
    expect(initial.initialPositions?.money.map(moneyToString)).toEqual(['1000000']);

    // A market buy of 2 lots at the ask 270.20: one execution of 20 pieces.
    const buy = await h.call(Orders.postOrder, orderRequest(acc, { dir: 'buy', lots: 2 }));
    const [ev] = await trades.waitFor((m) => m.orderTrades !== undefined);
    expect(ev.orderTrades).toMatchObject({ orderId: buy.orderId, accountId: acc });
    expect(ev.orderTrades!.trades.map((t) => [t.quantity, quotationToString(t.price)])).toEqual([
      [20, '270.2'],
    ]);
    const [filled] = await states.waitFor(
      (m) => m.orderState?.executionReportStatus === S.EXECUTION_REPORT_STATUS_FILL,
    );
    expect(filled.orderState).toMatchObject({ orderId: buy.orderId, lotsExecuted: 2 });
    const [p] = await pf.waitFor(
      (m) => m.portfolio?.positions.some((x) => x.instrumentUid === SBER.uid) ?? false,
    );
    const held = p.portfolio!.positions.find((x) => x.instrumentUid === SBER.uid)!;
    expect(quotationToString(held.quantity)).toBe('20');
    const [change] = await pos.waitFor((m) => (m.position?.securities.length ?? 0) > 0);
    expect(change.position?.securities[0]).toMatchObject({ instrumentUid: SBER.uid, balance: 20 });
  });
});
