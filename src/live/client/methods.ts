/**
 * @module The typed, core-typed methods of the client: each builds a generated request, calls it
 * through the UnaryCaller and converts the answer, so code outside src/live never sees protobuf types.
 */
import type { Candle } from '../../core/candle.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import type { Instrument, InstrumentKind, InstrumentSummary } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import { historicCandleToCore } from '../../wire/convert/candle.ts';
import {
  instrumentShortToCore,
  instrumentToCore,
  instrumentTypeOf,
  shareToCore,
} from '../../wire/convert/instrument.ts';
import { toCandleInterval } from '../../wire/convert/interval.ts';
import { quotationToNumber } from '../../wire/convert/quotation.ts';
import { msToTimestamp, timestampToMs } from '../../wire/convert/timestamp.ts';
import {
  InstrumentStatus,
  securityTradingStatusToJSON,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  InstrumentIdType,
  InstrumentsServiceService as Instruments,
  type InstrumentRequest,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { MarketDataServiceService as MarketData } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import {
  UsersServiceService as Users,
  accessLevelToJSON,
  accountStatusToJSON,
  accountTypeToJSON,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { kindMethods } from './methods-kinds.ts';
import type { UnaryCaller } from './unary-caller.ts';

/** How an instrument is named in a lookup. */
export interface InstrumentLookup {
  idType: 'figi' | 'ticker' | 'uid' | 'positionUid';
  id: string;
  /** Required with a ticker (e.g. TQBR). */
  classCode?: string;
}

/** A GetCandles request in core terms; `from` inclusive, `to` exclusive, epoch ms UTC. */
export interface CandlesQuery {
  /** Instrument uid, FIGI or `TICKER_CLASSCODE`. */
  instrumentId: string;
  interval: Interval;
  from: number;
  to: number;
  limit?: number;
}

/** One last trade price. */
export interface LastPriceQuote {
  instrumentUid: string;
  figi: string;
  ticker: string;
  classCode: string;
  price: number;
  /** Epoch ms of the trade, when the API gives it. */
  time?: number;
}

/** Trading status of an instrument; `status` is the enum name in lower case without prefix. */
export interface TradingStatusInfo {
  instrumentUid: string;
  figi: string;
  status: string;
  limitOrderAvailable: boolean;
  marketOrderAvailable: boolean;
  apiTradeAvailable: boolean;
}

/** One account visible to the token. */
export interface AccountInfo {
  id: string;
  name: string;
  /** e.g. `tinkoff`, `tinkoff_iis`. */
  type: string;
  /** e.g. `open`. */
  status: string;
  /** e.g. `full_access`, `read_only`, `no_access`. */
  accessLevel: string;
  openedDate?: number;
}

const ID_TYPES: Record<InstrumentLookup['idType'], InstrumentIdType> = {
  figi: InstrumentIdType.INSTRUMENT_ID_TYPE_FIGI,
  ticker: InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER,
  uid: InstrumentIdType.INSTRUMENT_ID_TYPE_UID,
  positionUid: InstrumentIdType.INSTRUMENT_ID_TYPE_POSITION_UID,
};

const enumName = (text: string, prefix: string) => text.replace(prefix, '').toLowerCase();

function instrumentRequest(q: InstrumentLookup): InstrumentRequest {
  const req: InstrumentRequest = { idType: ID_TYPES[q.idType], id: q.id };
  if (q.classCode !== undefined) req.classCode = q.classCode;
  return req;
}

function missing(what: string, q: InstrumentLookup): never {
  throw new DataIntegrityError(
    `${what} answered without an instrument for ${q.id}`,
    'retry; report it if it persists',
  );
}

/** The typed methods, bound to one caller. */
export function typedMethods(caller: UnaryCaller) {
  return {
    ...kindMethods(caller),

    /** Complete candles in [from, to); incomplete (still forming) candles are dropped. */
    async getCandles(q: CandlesQuery): Promise<Candle[]> {
      const res = await caller.call(MarketData.getCandles, {
        instrumentId: q.instrumentId,
        interval: toCandleInterval(q.interval),
        from: msToTimestamp(q.from),
        to: msToTimestamp(q.to),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
      });
      return res.candles.filter((c) => c.isComplete).map(historicCandleToCore);
    },

    /** A share by FIGI, ticker + class code, uid or position uid. */
    async shareBy(q: InstrumentLookup): Promise<Instrument> {
      const res = await caller.call(Instruments.shareBy, instrumentRequest(q));
      return res.instrument ? shareToCore(res.instrument) : missing('ShareBy', q);
    },

    /** Any instrument by FIGI, ticker + class code, uid or position uid. */
    async getInstrumentBy(q: InstrumentLookup): Promise<Instrument> {
      const res = await caller.call(Instruments.getInstrumentBy, instrumentRequest(q));
      return res.instrument ? instrumentToCore(res.instrument) : missing('GetInstrumentBy', q);
    },

    /** Instruments whose ticker, FIGI, ISIN or name matches `query`. */
    async findInstrument(
      query: string,
      filter: { kind?: InstrumentKind; apiTradeAvailable?: boolean } = {},
    ): Promise<InstrumentSummary[]> {
      const res = await caller.call(Instruments.findInstrument, {
        query,
        ...(filter.kind ? { instrumentKind: instrumentTypeOf(filter.kind) } : {}),
        ...(filter.apiTradeAvailable === undefined
          ? {}
          : { apiTradeAvailableFlag: filter.apiTradeAvailable }),
      });
      return res.instruments.map(instrumentShortToCore);
    },

    /** All shares: the tradable list, or every share ever listed with `all`. */
    async shares(options: { all?: boolean } = {}): Promise<Instrument[]> {
      const res = await caller.call(Instruments.shares, {
        instrumentStatus: options.all
          ? InstrumentStatus.INSTRUMENT_STATUS_ALL
          : InstrumentStatus.INSTRUMENT_STATUS_BASE,
      });
      return res.instruments.map(shareToCore);
    },

    /** Last trade prices of instruments (uids or FIGIs). */
    async getLastPrices(instrumentIds: string[]): Promise<LastPriceQuote[]> {
      const res = await caller.call(MarketData.getLastPrices, {
        figi: [],
        instrumentId: instrumentIds,
        lastPriceType: 0,
      });
      return res.lastPrices.map((p) => {
        const out: LastPriceQuote = {
          instrumentUid: p.instrumentUid,
          figi: p.figi,
          ticker: p.ticker,
          classCode: p.classCode,
          price: quotationToNumber(p.price),
        };
        const t = timestampToMs(p.time);
        if (t !== undefined) out.time = t;
        return out;
      });
    },

    /** Trading status of one instrument. */
    async getTradingStatus(instrumentId: string): Promise<TradingStatusInfo> {
      const r = await caller.call(MarketData.getTradingStatus, { instrumentId });
      return {
        instrumentUid: r.instrumentUid,
        figi: r.figi,
        status: enumName(securityTradingStatusToJSON(r.tradingStatus), 'SECURITY_TRADING_STATUS_'),
        limitOrderAvailable: r.limitOrderAvailableFlag,
        marketOrderAvailable: r.marketOrderAvailableFlag,
        apiTradeAvailable: r.apiTradeAvailableFlag,
      };
    },

    /** Accounts visible to the token. */
    async getAccounts(): Promise<AccountInfo[]> {
      const res = await caller.call(Users.getAccounts, {});
      return res.accounts.map((a) => {
        const out: AccountInfo = {
          id: a.id,
          name: a.name,
          type: enumName(accountTypeToJSON(a.type), 'ACCOUNT_TYPE_'),
          status: enumName(accountStatusToJSON(a.status), 'ACCOUNT_STATUS_'),
          accessLevel: enumName(accessLevelToJSON(a.accessLevel), 'ACCOUNT_ACCESS_LEVEL_'),
        };
        const opened = timestampToMs(a.openedDate);
        if (opened !== undefined) out.openedDate = opened;
        return out;
      });
    },
  };
}

/** The typed methods' shape. */
export type TypedMethods = ReturnType<typeof typedMethods>;
