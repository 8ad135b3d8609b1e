/**
 * Every service on one venue clock: stepping a ReplayClock moves GetCandles, GetLastPrices, the
 * trading status and the archive together, and none of them ever shows the venue's future.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/emulator/index.ts';
import { quotationToNumber, timestampToMs } from '../../src/wire/convert/index.ts';
import { SecurityTradingStatus as S } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  CandleInterval,
  GetLastPricesRequest,
  type GetCandlesResponse,
  type GetLastPricesResponse,
  type GetTradingStatusResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, parseArchive, SBER, ts, TOKEN, type Harness } from './helpers.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const WED = Date.UTC(2024, 9, 2);

let h: Harness;
const clock = new ReplayClock(WED + 6 * HOUR);
beforeAll(async () => {
  h = await harness({ clock });
});
afterAll(() => h.close());

const lastMinute = async () => {
  const r = await call<object, GetCandlesResponse>(h.md, 'getCandles', {
    instrumentId: SBER.uid,
    from: ts(WED),
    to: ts(WED + 24 * HOUR),
    interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
  });
  return r.res!.candles.map((c) => timestampToMs(c.time)!);
};
const status = async () =>
  (
    await call<object, GetTradingStatusResponse>(h.md, 'getTradingStatus', {
      instrumentId: SBER.uid,
    })
  ).res!;

describe('one venue clock', () => {
  it('shows only candles closed on the venue clock, and grows as it advances', async () => {
    expect(await lastMinute()).toEqual([]);
    clock.advanceTo(WED + 7 * HOUR + 59_999);
    expect(await lastMinute()).toEqual([]);
    clock.advanceTo(WED + 7 * HOUR + MINUTE);
    expect(await lastMinute()).toEqual([WED + 7 * HOUR]);
    clock.advanceTo(WED + 7 * HOUR + 10 * MINUTE + 30_000);
    const times = await lastMinute();
    expect(times[times.length - 1]).toBe(WED + 7 * HOUR + 9 * MINUTE);
  });

  it('gives the last trade at or before now as the last price, matching the tape', async () => {
    const r = await call<object, GetLastPricesResponse>(
      h.md,
      'getLastPrices',
      GetLastPricesRequest.fromPartial({ instrumentId: [SBER.uid] }),
    );
    if (r.err) throw r.err;
    const [p] = r.res!.lastPrices;
    const now = clock.now();
    const tape = h.emu.tape.lastTrade(SBER.uid, now)!;
    expect(timestampToMs(p.time)).toBe(tape.time);
    expect(tape.time).toBeLessThanOrEqual(now);
    expect(quotationToNumber(p.price)).toBe(tape.price);
    // The forming minute's trades count: the last price is newer than the last complete candle.
    expect(tape.time).toBeGreaterThanOrEqual(Math.floor(now / MINUTE) * MINUTE);
  });

  it('follows the MOEX phases through the day, closed at night and on weekends', async () => {
    const expectAt = async (t: number, s: S, limit: boolean, market: boolean) => {
      clock.advanceTo(t);
      const r = await status();
      expect([r.tradingStatus, r.limitOrderAvailableFlag, r.marketOrderAvailableFlag]).toEqual([
        s,
        limit,
        market,
      ]);
    };
    await expectAt(WED + 12 * HOUR, S.SECURITY_TRADING_STATUS_NORMAL_TRADING, true, true);
    await expectAt(
      WED + 15 * HOUR + 45 * MINUTE,
      S.SECURITY_TRADING_STATUS_CLOSING_AUCTION,
      true,
      false,
    );
    await expectAt(
      WED + 15 * HOUR + 55 * MINUTE,
      S.SECURITY_TRADING_STATUS_BREAK_IN_TRADING,
      false,
      false,
    );
    await expectAt(
      WED + 16 * HOUR + 2 * MINUTE,
      S.SECURITY_TRADING_STATUS_OPENING_AUCTION_PERIOD,
      true,
      false,
    );
    await expectAt(WED + 18 * HOUR, S.SECURITY_TRADING_STATUS_NORMAL_TRADING, true, true);
    await expectAt(
      WED + 22 * HOUR,
      S.SECURITY_TRADING_STATUS_NOT_AVAILABLE_FOR_TRADING,
      false,
      false,
    );
    await expectAt(
      WED + 30 * HOUR + 55 * MINUTE,
      S.SECURITY_TRADING_STATUS_OPENING_AUCTION_PERIOD,
      true,
      false,
    );
    await expectAt(
      Date.UTC(2024, 9, 5, 12),
      S.SECURITY_TRADING_STATUS_NOT_AVAILABLE_FOR_TRADING,
      false,
      false,
    );
  });

  it('keeps the archive to whole days before the venue day', async () => {
    const res = await fetch(`${h.emu.archiveUrl}?instrumentId=${SBER.uid}&year=2024`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const names = [...parseArchive(new Uint8Array(await res.arrayBuffer())).keys()].sort();
    expect(names[names.length - 1]).toBe(`${SBER.uid}_20241004.csv`);
  });
});
