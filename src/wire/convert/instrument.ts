/**
 * @module Share / Instrument / InstrumentShort <-> core Instrument and InstrumentSummary (the
 * core-typed form of a search hit, which carries identifiers but no trading specification).
 */
import type { Instrument, InstrumentKind, InstrumentSummary } from '../../core/instrument.ts';
import {
  InstrumentType,
  type Quotation,
  RealExchange,
  SecurityTradingStatus,
} from '../generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  Instrument as InstrumentMsg,
  InstrumentShort,
  Share,
} from '../generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { numberToQuotation, quotationToNumber } from './quotation.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

const KIND_BY_TYPE = new Map<number, InstrumentKind>([
  [InstrumentType.INSTRUMENT_TYPE_SHARE, 'share'],
  [InstrumentType.INSTRUMENT_TYPE_BOND, 'bond'],
  [InstrumentType.INSTRUMENT_TYPE_ETF, 'etf'],
  [InstrumentType.INSTRUMENT_TYPE_CURRENCY, 'currency'],
  [InstrumentType.INSTRUMENT_TYPE_FUTURES, 'futures'],
  [InstrumentType.INSTRUMENT_TYPE_INDEX, 'index'],
]);
const TYPE_BY_KIND = new Map([...KIND_BY_TYPE].map(([t, k]) => [k, t]));
const KINDS = new Set<string>(KIND_BY_TYPE.values());

/** Core kind from the enum, falling back to the free-text instrument_type ("share", "bond"...). */
export function kindOf(kind: InstrumentType | number, typeText = ''): InstrumentKind {
  const byEnum = KIND_BY_TYPE.get(kind);
  if (byEnum) return byEnum;
  const t = typeText.toLowerCase();
  return KINDS.has(t) ? (t as InstrumentKind) : 'other';
}

/** InstrumentType enum for a core kind (UNSPECIFIED for 'other'). */
export function instrumentTypeOf(kind: InstrumentKind): InstrumentType {
  return TYPE_BY_KIND.get(kind) ?? InstrumentType.INSTRUMENT_TYPE_UNSPECIFIED;
}

function optionalDates(m: {
  first1minCandleDate?: { seconds: number; nanos: number } | undefined;
  first1dayCandleDate?: { seconds: number; nanos: number } | undefined;
}): Pick<Instrument, 'first1minCandleDate' | 'first1dayCandleDate'> {
  const out: Pick<Instrument, 'first1minCandleDate' | 'first1dayCandleDate'> = {};
  const m1 = timestampToMs(m.first1minCandleDate);
  const d1 = timestampToMs(m.first1dayCandleDate);
  if (m1 !== undefined) out.first1minCandleDate = m1;
  if (d1 !== undefined) out.first1dayCandleDate = d1;
  return out;
}

/** The fields every instrument message carries alike (Share, Future, Etf, Bond, Currency). */
export interface CommonInstrumentMessage {
  uid: string;
  figi: string;
  ticker: string;
  classCode: string;
  isin?: string;
  name: string;
  lot: number;
  minPriceIncrement?: Quotation | undefined;
  currency: string;
  shortEnabledFlag: boolean;
  exchange: string;
  first1minCandleDate?: { seconds: number; nanos: number } | undefined;
  first1dayCandleDate?: { seconds: number; nanos: number } | undefined;
}

/** Any kind's message as a core Instrument of `kind`, without the kind's spec. */
export function commonToCore(s: CommonInstrumentMessage, kind: InstrumentKind): Instrument {
  return {
    uid: s.uid,
    figi: s.figi,
    ticker: s.ticker,
    classCode: s.classCode,
    isin: s.isin ?? '',
    name: s.name,
    kind,
    lot: s.lot,
    minPriceIncrement: quotationToNumber(s.minPriceIncrement),
    currency: s.currency.toLowerCase(),
    shortEnabled: s.shortEnabledFlag,
    exchange: s.exchange,
    ...optionalDates(s),
  };
}

/** A Share as a core Instrument. */
export function shareToCore(s: Share): Instrument {
  return commonToCore(s, 'share');
}

/** An Instrument message as a core Instrument. */
export function instrumentToCore(i: InstrumentMsg): Instrument {
  return {
    uid: i.uid,
    figi: i.figi,
    ticker: i.ticker,
    classCode: i.classCode,
    isin: i.isin,
    name: i.name,
    kind: kindOf(i.instrumentKind, i.instrumentType),
    lot: i.lot,
    minPriceIncrement: quotationToNumber(i.minPriceIncrement),
    currency: i.currency.toLowerCase(),
    shortEnabled: i.shortEnabledFlag,
    exchange: i.exchange,
    ...optionalDates(i),
  };
}

/** An InstrumentShort (search hit) as an InstrumentSummary. */
export function instrumentShortToCore(i: InstrumentShort): InstrumentSummary {
  return {
    uid: i.uid,
    figi: i.figi,
    ticker: i.ticker,
    classCode: i.classCode,
    isin: i.isin,
    name: i.name,
    kind: kindOf(i.instrumentKind, i.instrumentType),
    lot: i.lot,
    apiTradeAvailable: i.apiTradeAvailableFlag,
    ...optionalDates(i),
  };
}

/**
 * Fields every instrument message (Share, Instrument, Future, Etf, Bond, Currency) names alike,
 * built from a core Instrument; a message without one of them (Future has no isin) drops it in
 * its fromPartial.
 */
export function commonFields(i: Instrument) {
  return {
    figi: i.figi,
    ticker: i.ticker,
    classCode: i.classCode,
    isin: i.isin,
    lot: i.lot,
    currency: i.currency,
    shortEnabledFlag: i.shortEnabled,
    name: i.name,
    exchange: i.exchange,
    tradingStatus: SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING,
    buyAvailableFlag: true,
    sellAvailableFlag: true,
    minPriceIncrement: numberToQuotation(i.minPriceIncrement),
    apiTradeAvailableFlag: true,
    uid: i.uid,
    realExchange: /moex/i.test(i.exchange)
      ? RealExchange.REAL_EXCHANGE_MOEX
      : RealExchange.REAL_EXCHANGE_UNSPECIFIED,
    first1minCandleDate:
      i.first1minCandleDate === undefined ? undefined : msToTimestamp(i.first1minCandleDate),
    first1dayCandleDate:
      i.first1dayCandleDate === undefined ? undefined : msToTimestamp(i.first1dayCandleDate),
  };
}

/** A core Instrument as a Share message (tradable, normal trading); `extra` overrides fields. */
export function shareFromCore(i: Instrument, extra: Partial<Share> = {}): Share {
  return Share.fromPartial({ ...commonFields(i), ...extra });
}

/** A core Instrument as an Instrument message; `extra` overrides fields. */
export function instrumentFromCore(
  i: Instrument,
  extra: Partial<InstrumentMsg> = {},
): InstrumentMsg {
  return InstrumentMsg.fromPartial({
    ...commonFields(i),
    instrumentType: i.kind,
    instrumentKind: instrumentTypeOf(i.kind),
    ...extra,
  });
}

/** A core Instrument as a search hit. */
export function instrumentShortFromCore(i: Instrument): InstrumentShort {
  return InstrumentShort.fromPartial({
    isin: i.isin,
    figi: i.figi,
    ticker: i.ticker,
    classCode: i.classCode,
    instrumentType: i.kind,
    name: i.name,
    uid: i.uid,
    instrumentKind: instrumentTypeOf(i.kind),
    apiTradeAvailableFlag: true,
    lot: i.lot,
    first1minCandleDate:
      i.first1minCandleDate === undefined ? undefined : msToTimestamp(i.first1minCandleDate),
    first1dayCandleDate:
      i.first1dayCandleDate === undefined ? undefined : msToTimestamp(i.first1dayCandleDate),
  });
}
