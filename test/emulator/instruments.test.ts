/**
 * InstrumentsService lookups and the smaller MarketDataService calls (last prices, trading status)
 * through real grpc-js clients.
 */
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_CATALOG, SYNTHETIC_UNIVERSE } from '../../src/emulator/index.ts';
import {
  instrumentToCore,
  quotationToNumber,
  shareToCore,
  timestampToMs,
} from '../../src/wire/convert/index.ts';
import { SecurityTradingStatus } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  InstrumentIdType,
  type FindInstrumentResponse,
  type InstrumentRequest,
  type InstrumentResponse,
  type ShareResponse,
  type SharesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import {
  GetLastPricesRequest,
  type GetLastPricesResponse,
  type GetTradingStatusResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, NOW, SBER, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

const shareBy = (r: Partial<InstrumentRequest>) =>
  call<InstrumentRequest, ShareResponse>(h.inst, 'shareBy', {
    idType: InstrumentIdType.INSTRUMENT_ID_TYPE_FIGI,
    id: '',
    ...r,
  });

describe('InstrumentsService', () => {
  it('finds a share by figi, uid and ticker + class code, with its real specs', async () => {
    const byFigi = await shareBy({ id: SBER.figi });
    const byUid = await shareBy({ idType: InstrumentIdType.INSTRUMENT_ID_TYPE_UID, id: SBER.uid });
    const byTicker = await shareBy({
      idType: InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER,
      id: 'SBER',
      classCode: 'TQBR',
    });
    const expected = SYNTHETIC_CATALOG[0].instrument;
    for (const r of [byFigi, byUid, byTicker]) {
      expect(r.err).toBeUndefined();
      expect(shareToCore(r.res!.instrument!)).toEqual(expected);
    }
  });

  it('needs class_code with a ticker (30013) and answers NOT_FOUND 50002 for unknown ids', async () => {
    const noClass = await shareBy({
      idType: InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER,
      id: 'SBER',
    });
    expect(noClass.err?.code).toBe(status.INVALID_ARGUMENT);
    expect(noClass.err?.details).toBe('30013');
    const unknown = await shareBy({ id: 'BBG000000000' });
    expect(unknown.err?.code).toBe(status.NOT_FOUND);
    expect(unknown.err?.details).toBe('50002');
    expect(String(unknown.err?.metadata.get('message')[0])).toMatch(/not found/i);
  });

  it('serves GetInstrumentBy, Shares and FindInstrument', async () => {
    const inst = await call<InstrumentRequest, InstrumentResponse>(h.inst, 'getInstrumentBy', {
      idType: InstrumentIdType.INSTRUMENT_ID_TYPE_UID,
      id: SBER.uid,
    });
    expect(instrumentToCore(inst.res!.instrument!)).toEqual(SYNTHETIC_CATALOG[0].instrument);
    const all = await call<object, SharesResponse>(h.inst, 'shares', {});
    expect(all.res!.instruments.map((s) => s.ticker)).toEqual(
      SYNTHETIC_CATALOG.map((c) => c.instrument.ticker),
    );
    const found = await call<object, FindInstrumentResponse>(h.inst, 'findInstrument', {
      query: 'gaz',
    });
    expect(found.res!.instruments.map((i) => i.ticker)).toEqual(['GAZP']);
  });
});

describe('MarketDataService extras', () => {
  it('gives the close of the last complete minute as the last price', async () => {
    const r = await call<object, GetLastPricesResponse>(
      h.md,
      'getLastPrices',
      GetLastPricesRequest.fromPartial({ instrumentId: [SBER.uid, 'GAZP_TQBR'] }),
    );
    expect(r.res!.lastPrices.map((p) => p.ticker)).toEqual(['SBER', 'GAZP']);
    for (const p of r.res!.lastPrices) {
      expect(quotationToNumber(p.price)).toBeGreaterThan(0);
      expect(timestampToMs(p.time)).toBeLessThanOrEqual(NOW);
      expect(timestampToMs(p.time)).toBeGreaterThan(NOW - 120_000);
    }
    const everything = await call<object, GetLastPricesResponse>(
      h.md,
      'getLastPrices',
      GetLastPricesRequest.fromPartial({}),
    );
    // Every instrument trading at NOW has one; a contract that expired lately keeps its last one.
    const trading = SYNTHETIC_UNIVERSE.filter(
      (c) => !c.listed || (c.listed.from <= NOW && NOW < c.listed.to),
    );
    const priced = everything.res!.lastPrices.map((p) => p.instrumentUid);
    expect(priced).toEqual(expect.arrayContaining(trading.map((c) => c.instrument.uid)));
    expect(priced.length).toBeLessThanOrEqual(SYNTHETIC_UNIVERSE.length);
  });

  it('reports normal trading inside a session', async () => {
    const r = await call<object, GetTradingStatusResponse>(h.md, 'getTradingStatus', {
      instrumentId: SBER.figi,
    });
    expect(r.res!.tradingStatus).toBe(SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING);
    expect(r.res!.instrumentUid).toBe(SBER.uid);
  });
});
