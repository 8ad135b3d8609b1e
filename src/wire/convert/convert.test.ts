/** @module Round-trip tests for timestamps, intervals, candles and instruments. */
import { describe, expect, it } from 'vitest';
import { INTERVALS } from '../../core/interval.ts';
import type { Instrument } from '../../core/instrument.ts';
import { InstrumentType } from '../generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  CandleInterval,
  HistoricCandle,
  SubscriptionInterval,
} from '../generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import {
  Instrument as InstrumentMsg,
  InstrumentShort,
  Share,
} from '../generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { historicCandleFromCore, historicCandleToCore, streamCandleToCore } from './candle.ts';
import {
  instrumentFromCore,
  instrumentShortFromCore,
  instrumentShortToCore,
  instrumentToCore,
  kindOf,
  shareFromCore,
  shareToCore,
} from './instrument.ts';
import {
  fromCandleInterval,
  fromSubscriptionInterval,
  toCandleInterval,
  toSubscriptionInterval,
} from './interval.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

describe('Timestamp', () => {
  it('round-trips epoch ms, including before 1970', () => {
    for (const ms of [0, 1, 999, 1_704_067_200_000, 1_727_469_180_123, -1, -1500]) {
      const ts = msToTimestamp(ms);
      expect(ts.nanos).toBeGreaterThanOrEqual(0);
      expect(ts.nanos).toBeLessThan(1e9);
      expect(timestampToMs(ts)).toBe(ms);
    }
    expect(msToTimestamp(-1500)).toEqual({ seconds: -2, nanos: 500_000_000 });
    expect(timestampToMs({ seconds: 10, nanos: 999_999 })).toBe(10_000);
    expect(timestampToMs(undefined)).toBeUndefined();
  });
});

describe('intervals', () => {
  it('round-trips every core interval through both enums', () => {
    for (const i of INTERVALS) {
      expect(fromCandleInterval(toCandleInterval(i))).toBe(i);
      expect(fromSubscriptionInterval(toSubscriptionInterval(i))).toBe(i);
    }
  });
  it('uses each enum’s own numbering after 5', () => {
    expect(toCandleInterval('2m')).toBe(6);
    expect(toCandleInterval('1w')).toBe(12);
    expect(toCandleInterval('1M')).toBe(13);
    expect(toSubscriptionInterval('1d')).toBe(5);
    expect(toSubscriptionInterval('2m')).toBe(6);
    expect(toCandleInterval('10m')).toBe(CandleInterval.CANDLE_INTERVAL_10_MIN);
    expect(toSubscriptionInterval('4h')).toBe(SubscriptionInterval.SUBSCRIPTION_INTERVAL_4_HOUR);
    expect(fromCandleInterval(CandleInterval.CANDLE_INTERVAL_5_SEC)).toBeUndefined();
    expect(fromCandleInterval(0)).toBeUndefined();
    expect(fromSubscriptionInterval(99)).toBeUndefined();
  });
});

describe('candles', () => {
  const core = {
    time: 1_727_469_180_000,
    open: 268.05,
    high: 268.07,
    low: 268,
    close: 268,
    volume: 1629,
  };
  it('round-trips through HistoricCandle and its wire encoding', () => {
    const msg = historicCandleFromCore(core);
    const wire = HistoricCandle.decode(HistoricCandle.encode(msg).finish());
    expect(wire.isComplete).toBe(true);
    expect(historicCandleToCore(wire)).toEqual(core);
  });
  it('reads stream candles and rejects a candle without time', () => {
    const h = historicCandleFromCore(core);
    const s = {
      ...h,
      figi: '',
      interval: 1,
      lastTradeTs: undefined,
      instrumentUid: 'u',
      ticker: '',
      classCode: '',
      candleSourceType: 1,
    };
    expect(streamCandleToCore(s)).toEqual(core);
    expect(() => historicCandleToCore({ ...h, time: undefined })).toThrow(/without a time/);
  });
});

describe('instruments', () => {
  const sber: Instrument = {
    uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13',
    figi: 'BBG004730N88',
    ticker: 'SBER',
    classCode: 'TQBR',
    isin: 'RU0009029540',
    name: 'Сбер Банк',
    kind: 'share',
    lot: 10,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX_EVENING_WEEKEND',
    first1minCandleDate: 1_520_447_400_000,
    first1dayCandleDate: 946_944_000_000,
  };
  const viaWire = <T>(
    codec: { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T },
    m: T,
  ) => codec.decode(codec.encode(m).finish());

  it('round-trips Share and Instrument messages', () => {
    expect(shareToCore(viaWire(Share, shareFromCore(sber)))).toEqual(sber);
    expect(instrumentToCore(viaWire(InstrumentMsg, instrumentFromCore(sber)))).toEqual(sber);
    const { first1minCandleDate: _a, first1dayCandleDate: _b, ...noDates } = sber;
    expect(shareToCore(viaWire(Share, shareFromCore(noDates)))).toEqual(noDates);
  });
  it('builds search hits', () => {
    const hit = instrumentShortToCore(viaWire(InstrumentShort, instrumentShortFromCore(sber)));
    expect(hit).toMatchObject({
      uid: sber.uid,
      ticker: 'SBER',
      kind: 'share',
      lot: 10,
      apiTradeAvailable: true,
    });
    expect(hit.first1minCandleDate).toBe(sber.first1minCandleDate);
  });
  it('maps kinds from the enum first, then from the text', () => {
    expect(kindOf(InstrumentType.INSTRUMENT_TYPE_ETF, 'share')).toBe('etf');
    expect(kindOf(0, 'Bond')).toBe('bond');
    expect(kindOf(InstrumentType.INSTRUMENT_TYPE_OPTION, 'option')).toBe('other');
  });
});
