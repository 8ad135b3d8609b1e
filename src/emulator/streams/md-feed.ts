/**
 * @module What a market-data stream sends as venue time moves through [from, to): every trade on
 * the tape for trade and last-price subscriptions, the book after the piece's last trade, the
 * forming candle after each piece with trades (in-progress candle subscriptions), the closed
 * candle exactly when its interval closes (waiting_close; the same candle GetCandles returns), and
 * the trading status when the phase changes. Messages go out in venue-time order. Also the
 * snapshot a new subscription starts with.
 */
import type { Candle } from '../../core/candle.ts';
import { aggregate } from '../../core/aggregate.ts';
import type { Instrument } from '../../core/instrument.ts';
import { alignTime, closeTime, type Interval } from '../../core/interval.ts';
import type { MarketDataResponse } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import {
  lastPriceFromTrade,
  orderBookFromCore,
  streamCandleFromCore,
  tradeFromCore,
} from '../../wire/convert/market-stream.ts';
import { msToTimestamp } from '../../wire/convert/timestamp.ts';
import { tradingStatusOf } from '../../wire/convert/trading-status.ts';
import type { EmulatorContext } from '../context.ts';
import { lastPriceOf } from '../grpc/market-data-service.ts';
import { orderFlags, phaseAt } from '../market/trading-phase.ts';
import type { TapeTrade } from '../venue/venue-ports.ts';
import type { Forming, Sub } from './md-subscriptions.ts';

const MINUTE = 60_000;

/** The trading status message of `inst` at `t`. */
export function statusMessage(inst: Instrument, t: number): MarketDataResponse {
  const phase = phaseAt(t);
  const flags = orderFlags(phase);
  return {
    tradingStatus: {
      figi: inst.figi,
      tradingStatus: tradingStatusOf(phase),
      time: msToTimestamp(t),
      limitOrderAvailableFlag: flags.limit,
      marketOrderAvailableFlag: flags.market,
      instrumentUid: inst.uid,
      ticker: inst.ticker,
      classCode: inst.classCode,
    },
  };
}

/** The snapshot a new subscription gets: the book, the status, or the last price now. */
export function initialMessages(ctx: EmulatorContext, sub: Sub): MarketDataResponse[] {
  const now = ctx.now();
  if (sub.kind === 'info') return [statusMessage(sub.inst, now)];
  if (sub.kind === 'price') {
    const p = lastPriceOf(ctx, sub.inst);
    return p ? [{ lastPrice: p }] : [];
  }
  if (sub.kind === 'book') {
    const b = ctx.tape.book(sub.inst.uid, now, sub.depth ?? 1);
    return b ? [{ orderbook: orderBookFromCore(b, sub.depth ?? 1, sub.inst) }] : [];
  }
  return [];
}

/** The forming candle of `interval` at instant `at`: complete minutes plus this minute's trades. */
function startForming(
  ctx: EmulatorContext,
  uid: string,
  interval: Interval,
  at: number,
): Forming | undefined {
  const bucket = alignTime(interval, at);
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const parts: Candle[] = ctx.query.candles(uid, '1m', bucket, minute, at);
  const trades = ctx.tape.trades(uid, minute, at);
  for (const t of trades)
    parts.push({
      time: t.time,
      open: t.price,
      high: t.price,
      low: t.price,
      close: t.price,
      volume: t.lots,
    });
  const [candle] = aggregate(parts, interval);
  if (!candle) return undefined;
  const lastTrade =
    trades.length > 0 ? trades[trades.length - 1].time : (ctx.tape.lastTrade(uid, at)?.time ?? at);
  return { bucket, candle, lastTrade };
}

function fold(f: Forming | undefined, t: TapeTrade, interval: Interval): Forming {
  const bucket = alignTime(interval, t.time);
  if (!f || f.bucket !== bucket) {
    const candle = {
      time: bucket,
      open: t.price,
      high: t.price,
      low: t.price,
      close: t.price,
      volume: t.lots,
    };
    return { bucket, candle, lastTrade: t.time };
  }
  const c = f.candle;
  if (t.price > c.high) c.high = t.price;
  if (t.price < c.low) c.low = t.price;
  c.close = t.price;
  c.volume += t.lots;
  f.lastTrade = t.time;
  return f;
}

/** The candle of `interval` that closes exactly at `to`, if it has trades. */
function closedAt(ctx: EmulatorContext, sub: Sub, to: number): MarketDataResponse | undefined {
  if (to % MINUTE !== 0) return undefined;
  const interval = sub.interval!;
  const open = alignTime(interval, to - 1);
  if (closeTime(interval, open) !== to) return undefined;
  const [c] = ctx.query.candles(sub.inst.uid, interval, open, open + 1, to);
  if (!c) return undefined;
  const last = ctx.tape.lastTrade(sub.inst.uid, to - 1)?.time ?? to - 1;
  return { candle: streamCandleFromCore(c, interval, sub.inst, last) };
}

/** Everything `subs` receive for venue time moving through [from, to), in time order. */
export function chunkMessages(
  ctx: EmulatorContext,
  subs: readonly Sub[],
  from: number,
  to: number,
): MarketDataResponse[] {
  const events: { t: number; msg: MarketDataResponse }[] = [];
  const tradeMemo = new Map<string, TapeTrade[]>();
  const tradesOf = (uid: string): TapeTrade[] => {
    let t = tradeMemo.get(uid);
    if (!t) tradeMemo.set(uid, (t = ctx.tape.trades(uid, from, to)));
    return t;
  };
  const phaseChanged = phaseAt(from) !== phaseAt(to);
  for (const sub of subs) {
    const uid = sub.inst.uid;
    if (sub.kind === 'info') {
      if (phaseChanged) events.push({ t: to, msg: statusMessage(sub.inst, to) });
      continue;
    }
    if (sub.kind === 'candle' && sub.waitingClose) {
      const msg = closedAt(ctx, sub, to);
      if (msg) events.push({ t: to, msg });
      continue;
    }
    const trades = tradesOf(uid);
    if (trades.length === 0) continue;
    const last = trades[trades.length - 1];
    if (sub.kind === 'trade')
      for (const t of trades)
        events.push({ t: t.time, msg: { trade: tradeFromCore(t, sub.inst) } });
    if (sub.kind === 'price') {
      for (const t of trades)
        events.push({ t: t.time, msg: { lastPrice: lastPriceFromTrade(t, sub.inst) } });
    }
    if (sub.kind === 'book') {
      const b = ctx.tape.book(uid, last.time, sub.depth ?? 1);
      if (b)
        events.push({
          t: last.time,
          msg: { orderbook: orderBookFromCore(b, sub.depth ?? 1, sub.inst) },
        });
    }
    if (sub.kind === 'candle') {
      const interval = sub.interval!;
      let f = sub.forming ?? startForming(ctx, uid, interval, from);
      for (const t of trades) f = fold(f, t, interval);
      sub.forming = f;
      if (f)
        events.push({
          t: f.lastTrade,
          msg: { candle: streamCandleFromCore({ ...f.candle }, interval, sub.inst, f.lastTrade) },
        });
    }
  }
  // A stable sort keeps subscription order among messages of the same instant.
  events.sort((a, b) => a.t - b.t);
  return events.map((e) => e.msg);
}
