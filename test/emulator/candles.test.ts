/**
 * GetCandles through a real grpc-js client built from the generated code: every interval, window
 * edges, aggregation, determinism across instances, and the request errors with their API codes.
 */
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOhlcValid, type Candle } from '../../src/core/candle.ts';
import { isOnStep } from '../../src/core/instrument.ts';
import { closeTime, INTERVALS, type Interval } from '../../src/core/interval.ts';
import { aggregate, isTradingDay } from '../../src/emulator/index.ts';
import { historicCandleToCore, toCandleInterval } from '../../src/wire/convert/index.ts';
import {
  CandleInterval,
  type GetCandlesRequest,
  type GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, NOW, SBER, ts, type Harness } from './helpers.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MON = Date.UTC(2024, 8, 23);

/** A window per interval that fits its maximum and holds a few candles. */
const WINDOWS: Record<Interval, [number, number]> = {
  '1m': [MON + 7 * HOUR, MON + DAY],
  '2m': [MON, MON + DAY],
  '3m': [MON, MON + DAY],
  '5m': [MON, MON + 7 * DAY],
  '10m': [MON, MON + 7 * DAY],
  '15m': [MON, MON + 21 * DAY],
  '30m': [MON, MON + 21 * DAY],
  '1h': [MON, MON + 21 * DAY],
  '2h': [MON, MON + 21 * DAY],
  '4h': [MON, MON + 21 * DAY],
  '1d': [Date.UTC(2024, 0, 1), Date.UTC(2024, 9, 1)],
  '1w': [Date.UTC(2024, 0, 1), Date.UTC(2024, 9, 1)],
  '1M': [Date.UTC(2023, 0, 1), Date.UTC(2024, 9, 1)],
};

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

async function candles(req: Partial<GetCandlesRequest>, client = h.md): Promise<Candle[]> {
  const out = await call<GetCandlesRequest, GetCandlesResponse>(client, 'getCandles', {
    interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
    ...req,
  });
  if (out.err) throw out.err;
  expect(out.res!.candles.every((c) => c.isComplete)).toBe(true);
  return out.res!.candles.map(historicCandleToCore);
}

async function fails(req: Partial<GetCandlesRequest>) {
  const out = await call<GetCandlesRequest, GetCandlesResponse>(h.md, 'getCandles', {
    interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
    ...req,
  });
  expect(out.err).toBeDefined();
  return out.err!;
}

describe('GetCandles', () => {
  it('serves every interval inside its window, on the tick grid, with sane OHLC', async () => {
    for (const interval of INTERVALS) {
      const [from, to] = WINDOWS[interval];
      const got = await candles({
        instrumentId: SBER.uid,
        interval: toCandleInterval(interval),
        from: ts(from),
        to: ts(to),
      });
      expect(got.length, interval).toBeGreaterThan(1);
      const bad = got.filter(
        (c) =>
          c.time < from ||
          c.time >= to ||
          closeTime(interval, c.time) > NOW ||
          !isOhlcValid(c) ||
          ![c.open, c.high, c.low, c.close].every((p) => isOnStep(p, 0.01)),
      );
      expect(bad, interval).toEqual([]);
      expect(got.map((c) => c.time)).toEqual([...got.map((c) => c.time)].sort((a, b) => a - b));
    }
  });

  it('has no candles on weekends and none for the current, unfinished interval', async () => {
    const week = await candles({
      instrumentId: SBER.figi,
      interval: CandleInterval.CANDLE_INTERVAL_HOUR,
      from: ts(MON),
      to: ts(MON + 14 * DAY),
    });
    expect(week.filter((c) => !isTradingDay(Math.floor(c.time / DAY)))).toEqual([]);
    const today = await candles({
      instrumentId: SBER.figi,
      interval: CandleInterval.CANDLE_INTERVAL_HOUR,
      from: ts(NOW - 6 * HOUR),
      to: ts(NOW + 6 * HOUR),
    });
    expect(today.map((c) => c.time)).toEqual(
      [7, 8, 9, 10, 11].map((x) => NOW - 12 * HOUR + x * HOUR),
    );
  });

  it('treats from as inclusive and to as exclusive', async () => {
    const t = MON + 10 * HOUR;
    const one = await candles({ instrumentId: SBER.uid, from: ts(t), to: ts(t + 60_000) });
    expect(one.map((c) => c.time)).toEqual([t]);
    const none = await candles({ instrumentId: SBER.uid, from: ts(t), to: ts(t) });
    expect(none).toEqual([]);
    const hours = await candles({
      instrumentId: SBER.uid,
      interval: CandleInterval.CANDLE_INTERVAL_HOUR,
      from: ts(t),
      to: ts(t + 2 * HOUR),
    });
    expect(hours.map((c) => c.time)).toEqual([t, t + HOUR]);
  });

  it('makes a 1h candle the aggregation of its sixty 1m candles', async () => {
    const t = MON + DAY + 11 * HOUR;
    const minutes = await candles({ instrumentId: 'SBER_TQBR', from: ts(t), to: ts(t + HOUR) });
    const [hour] = await candles({
      instrumentId: 'SBER_TQBR',
      interval: CandleInterval.CANDLE_INTERVAL_HOUR,
      from: ts(t),
      to: ts(t + HOUR),
    });
    expect(minutes.length).toBeGreaterThan(50);
    expect(hour).toEqual(aggregate(minutes, '1h')[0]);
  });

  it('is deterministic across instances with one seed and differs with another', async () => {
    const req = { instrumentId: SBER.uid, from: ts(MON + 7 * HOUR), to: ts(MON + 9 * HOUR) };
    const same = await harness({ seed: 1 });
    const other = await harness({ seed: 2 });
    try {
      const a = await candles(req);
      expect(await candles(req, same.md)).toEqual(a);
      expect((await candles(req, other.md)).map((c) => c.close)).not.toEqual(a.map((c) => c.close));
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('honours limit from the start, or from the end when from is absent', async () => {
    const base = { instrumentId: SBER.uid, to: ts(MON + DAY) };
    const all = await candles({ ...base, from: ts(MON) });
    const head = await candles({ ...base, from: ts(MON), limit: 5 });
    expect(head).toEqual(all.slice(0, 5));
    const tail = await candles({ ...base, limit: 3 });
    expect(tail).toEqual(all.slice(-3));
  });

  it('rejects bad windows with the API codes in the status details', async () => {
    const over = await fails({ instrumentId: SBER.uid, from: ts(MON), to: ts(MON + DAY + 60_000) });
    expect(over.code).toBe(status.INVALID_ARGUMENT);
    expect(over.details).toBe('30014');
    expect(over.metadata.get('message')[0]).toMatch(/maximum request period/i);
    const hourOver = await fails({
      instrumentId: SBER.uid,
      interval: CandleInterval.CANDLE_INTERVAL_HOUR,
      from: ts(Date.UTC(2024, 0, 1)),
      to: ts(Date.UTC(2024, 3, 2)),
    });
    expect(hourOver.details).toBe('30014');
    expect(
      (await fails({ instrumentId: SBER.uid, from: ts(MON + DAY), to: ts(MON) })).details,
    ).toBe('30012');
    expect((await fails({ instrumentId: SBER.uid, to: ts(MON) })).details).toBe('30001');
    expect((await fails({ instrumentId: SBER.uid, from: ts(MON) })).details).toBe('30004');
    const badInterval = await fails({
      instrumentId: SBER.uid,
      interval: CandleInterval.CANDLE_INTERVAL_UNSPECIFIED,
      from: ts(MON),
      to: ts(MON + HOUR),
    });
    expect(badInterval.details).toBe('30011');
  });

  it('answers NOT_FOUND 50002 for unknown instruments', async () => {
    for (const id of ['BBG000000000', 'XXXX_TQBR', '00000000-0000-0000-0000-000000000000']) {
      const err = await fails({ instrumentId: id, from: ts(MON), to: ts(MON + HOUR) });
      expect(err.code).toBe(status.NOT_FOUND);
      expect(err.details).toBe('50002');
      expect(err.metadata.get('x-tracking-id')[0]).toBeTruthy();
    }
  });
});
