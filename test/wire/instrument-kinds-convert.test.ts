/**
 * The per-kind converters both ways through protobuf bytes: a future (with its margin), a bond, a
 * currency and an ETF come back as the core Instrument they were made from; a cancelled dividend
 * is dropped; a coupon keeps its period; a margin answer carries the read time given.
 */
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_FUTURES, SYNTHETIC_OTHER_KINDS } from '../../src/emulator/index.ts';
import {
  couponFromCore,
  couponToCore,
  dividendFromCore,
  dividendToCore,
  futuresMarginFromCore,
  futuresMarginToCore,
} from '../../src/wire/convert/instrument-events.ts';
import {
  bondFromCore,
  bondToCore,
  currencyFromCore,
  currencyToCore,
  etfFromCore,
  etfToCore,
  futureFromCore,
  futureToCore,
} from '../../src/wire/convert/instrument-kinds.ts';
import {
  Bond,
  Coupon,
  Currency,
  Dividend,
  Etf,
  Future,
  GetFuturesMarginResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';

const wire = <T>(
  codec: { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T },
  m: T,
): T => codec.decode(codec.encode(m).finish());

describe('instrument kinds on the wire', () => {
  it('round-trips every synthetic future, ETF, bond and currency', () => {
    const margin = {
      initialMarginOnBuy: 14285.63,
      initialMarginOnSell: 14000.5,
      readAt: 1_700_000_000_000,
    };
    for (const { instrument: i } of SYNTHETIC_FUTURES)
      expect(futureToCore(wire(Future, futureFromCore(i, margin)), margin.readAt)).toEqual({
        ...i,
        futures: { ...i.futures, margin },
      });
    for (const { instrument: i } of SYNTHETIC_OTHER_KINDS) {
      if (i.kind === 'bond') expect(bondToCore(wire(Bond, bondFromCore(i)))).toEqual(i);
      if (i.kind === 'currency')
        expect(currencyToCore(wire(Currency, currencyFromCore(i)))).toEqual(i);
      if (i.kind === 'etf') expect(etfToCore(wire(Etf, etfFromCore(i)))).toEqual(i);
    }
  });

  it('leaves the margin out of a future read without a time', () => {
    const i = SYNTHETIC_FUTURES[0].instrument;
    const m = { initialMarginOnBuy: 1, initialMarginOnSell: 1, readAt: 0 };
    expect(futureToCore(wire(Future, futureFromCore(i, m))).futures?.margin).toBeUndefined();
  });

  it('drops a cancelled dividend and keeps a regular one', () => {
    const d = {
      instrumentUid: 'u',
      recordDate: Date.UTC(2024, 6, 11),
      perShare: 33.3,
      currency: 'rub',
    };
    expect(dividendToCore(wire(Dividend, dividendFromCore(d)), 'u')).toEqual(d);
    expect(
      dividendToCore(wire(Dividend, dividendFromCore(d, { dividendType: 'Cancelled' })), 'u'),
    ).toBeUndefined();
  });

  it('keeps a coupon period, and its length in days goes out as coupon_period', () => {
    const c = {
      instrumentUid: 'b',
      couponDate: Date.UTC(2024, 5, 5),
      fixDate: Date.UTC(2024, 5, 4),
      number: 6,
      perBond: 35.4,
      periodStart: Date.UTC(2023, 11, 6),
      periodEnd: Date.UTC(2024, 5, 5),
    };
    const msg = wire(Coupon, couponFromCore(c, 'FIGI', 'rub'));
    expect(msg.couponPeriod).toBe(182);
    expect(couponToCore(msg, 'b')).toEqual(c);
  });

  it('stamps a margin answer with the read time given', () => {
    const m = { initialMarginOnBuy: 27140.91, initialMarginOnSell: 27000, readAt: 5 };
    const msg = wire(
      GetFuturesMarginResponse,
      futuresMarginFromCore(m, 'rub', { minPriceIncrement: 10, minPriceIncrementAmount: 18.2456 }),
    );
    expect(futuresMarginToCore(msg, 5)).toEqual(m);
  });
});
