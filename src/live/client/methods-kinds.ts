/**
 * @module The client's typed methods for every instrument kind beyond shares: FutureBy/Futures,
 * EtfBy/Etfs, BondBy/Bonds, CurrencyBy/Currencies, GetFuturesMargin, GetDividends, GetBondCoupons
 * and GetAccruedInterests, plus `instrumentWithSpec`, which resolves any instrument with its
 * kind's spec. Results are core types (src/core/instrument-economics.ts).
 */
import { DataIntegrityError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type {
  AccruedInterest,
  Coupon,
  Dividend,
  FuturesMargin,
} from '../../core/instrument-economics.ts';
import {
  accruedInterestToCore,
  couponToCore,
  dividendToCore,
  futuresMarginToCore,
} from '../../wire/convert/instrument-events.ts';
import {
  bondToCore,
  currencyToCore,
  etfToCore,
  futureToCore,
} from '../../wire/convert/instrument-kinds.ts';
import { instrumentToCore } from '../../wire/convert/instrument.ts';
import { msToTimestamp } from '../../wire/convert/timestamp.ts';
import { InstrumentStatus } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  InstrumentIdType,
  InstrumentsServiceService as Instruments,
  type InstrumentRequest,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import type { UnaryCaller } from './unary-caller.ts';

/** How an instrument is named in a lookup (the same shape as InstrumentLookup in methods.ts). */
interface Lookup {
  idType: 'figi' | 'ticker' | 'uid' | 'positionUid';
  id: string;
  classCode?: string;
}

/** An optional [from, to) period in epoch ms. */
export interface EventPeriod {
  from?: number;
  to?: number;
}

const ID_TYPES: Record<Lookup['idType'], InstrumentIdType> = {
  figi: InstrumentIdType.INSTRUMENT_ID_TYPE_FIGI,
  ticker: InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER,
  uid: InstrumentIdType.INSTRUMENT_ID_TYPE_UID,
  positionUid: InstrumentIdType.INSTRUMENT_ID_TYPE_POSITION_UID,
};

function request(q: Lookup): InstrumentRequest {
  return {
    idType: ID_TYPES[q.idType],
    id: q.id,
    ...(q.classCode === undefined ? {} : { classCode: q.classCode }),
  };
}

function listRequest(all: boolean | undefined) {
  return {
    instrumentStatus: all
      ? InstrumentStatus.INSTRUMENT_STATUS_ALL
      : InstrumentStatus.INSTRUMENT_STATUS_BASE,
  };
}

function period(p: EventPeriod) {
  return {
    ...(p.from === undefined ? {} : { from: msToTimestamp(p.from) }),
    ...(p.to === undefined ? {} : { to: msToTimestamp(p.to) }),
  };
}

function required<T>(what: string, q: Lookup, value: T | undefined): T {
  if (value !== undefined) return value;
  throw new DataIntegrityError(
    `${what} answered without an instrument for ${q.id}`,
    'retry; report it if it persists',
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** The per-kind methods, bound to one caller. */
export function kindMethods(caller: UnaryCaller) {
  const m = {
    /** A futures contract with its FuturesSpec (no margin: ask getFuturesMargin, which says when). */
    async futureBy(q: Lookup): Promise<Instrument> {
      const res = await caller.call(Instruments.futureBy, request(q));
      return futureToCore(required('FutureBy', q, res.instrument));
    },
    /** Every futures contract: the tradable list, or all ever listed with `all`. */
    async futures(options: { all?: boolean } = {}): Promise<Instrument[]> {
      const res = await caller.call(Instruments.futures, listRequest(options.all));
      return res.instruments.map((f) => futureToCore(f));
    },
    /** An exchange-traded fund. */
    async etfBy(q: Lookup): Promise<Instrument> {
      const res = await caller.call(Instruments.etfBy, request(q));
      return etfToCore(required('EtfBy', q, res.instrument));
    },
    /** Every exchange-traded fund. */
    async etfs(options: { all?: boolean } = {}): Promise<Instrument[]> {
      return (await caller.call(Instruments.etfs, listRequest(options.all))).instruments.map(
        etfToCore,
      );
    },
    /** A bond with its BondSpec. */
    async bondBy(q: Lookup): Promise<Instrument> {
      const res = await caller.call(Instruments.bondBy, request(q));
      return bondToCore(required('BondBy', q, res.instrument));
    },
    /** Every bond (a large answer on the real API: see the client's message-size setting). */
    async bonds(options: { all?: boolean } = {}): Promise<Instrument[]> {
      return (await caller.call(Instruments.bonds, listRequest(options.all))).instruments.map(
        bondToCore,
      );
    },
    /** A currency instrument with its CurrencySpec. */
    async currencyBy(q: Lookup): Promise<Instrument> {
      const res = await caller.call(Instruments.currencyBy, request(q));
      return currencyToCore(required('CurrencyBy', q, res.instrument));
    },
    /** Every currency instrument. */
    async currencies(options: { all?: boolean } = {}): Promise<Instrument[]> {
      return (await caller.call(Instruments.currencies, listRequest(options.all))).instruments.map(
        currencyToCore,
      );
    },
    /**
     * Initial margin (GO) per contract of a future (uid or FIGI), stamped `readAt` (default the
     * local clock), since the API tells only today's margin.
     */
    async getFuturesMargin(
      instrumentId: string,
      readAt: number = Date.now(),
    ): Promise<FuturesMargin> {
      const res = await caller.call(Instruments.getFuturesMargin, { figi: '', instrumentId });
      return futuresMarginToCore(res, readAt);
    },
    /** Dividends with record date in the period; pass the uid, which the results carry. */
    async getDividends(instrumentUid: string, p: EventPeriod = {}): Promise<Dividend[]> {
      const res = await caller.call(Instruments.getDividends, {
        figi: '',
        instrumentId: instrumentUid,
        ...period(p),
      });
      return res.dividends.map((d) => dividendToCore(d, instrumentUid)).filter(defined);
    },
    /** Coupons paid in the period; pass the uid, which the results carry. */
    async getBondCoupons(instrumentUid: string, p: EventPeriod = {}): Promise<Coupon[]> {
      const res = await caller.call(Instruments.getBondCoupons, {
        figi: '',
        instrumentId: instrumentUid,
        ...period(p),
      });
      return res.events.map((c) => couponToCore(c, instrumentUid)).filter(defined);
    },
    /** Accrued interest of a bond day by day over [from, to). */
    async getAccruedInterests(
      instrumentId: string,
      p: Required<EventPeriod>,
    ): Promise<AccruedInterest[]> {
      const res = await caller.call(Instruments.getAccruedInterests, {
        figi: '',
        instrumentId,
        from: msToTimestamp(p.from),
        to: msToTimestamp(p.to),
      });
      return res.accruedInterests.map(accruedInterestToCore);
    },
    /**
     * Any instrument with its kind's spec: GetInstrumentBy, then for a future, a bond or a currency
     * the kind's own lookup by uid (FutureBy, BondBy, CurrencyBy). A share or an ETF has no spec
     * beyond what GetInstrumentBy carries, so it costs no second call.
     */
    async instrumentWithSpec(q: Lookup): Promise<Instrument> {
      const res = await caller.call(Instruments.getInstrumentBy, request(q));
      const base = instrumentToCore(required('GetInstrumentBy', q, res.instrument));
      const byUid = { idType: 'uid' as const, id: base.uid };
      if (base.kind === 'futures') return m.futureBy(byUid);
      if (base.kind === 'bond') return m.bondBy(byUid);
      if (base.kind === 'currency') return m.currencyBy(byUid);
      return base;
    },
  };
  return m;
}
