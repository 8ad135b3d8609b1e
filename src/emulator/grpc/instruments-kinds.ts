/**
 * @module InstrumentsService of the emulator for every kind beyond shares: FutureBy/Futures,
 * EtfBy/Etfs, BondBy/Bonds, CurrencyBy/Currencies with their specs, GetFuturesMargin, GetDividends,
 * GetBondCoupons and GetAccruedInterests over the synthetic universe's events. A lookup of the
 * wrong kind (FutureBy on a share) is NOT_FOUND 50002, like ShareBy on a future.
 */
import type { Instrument, InstrumentKind } from '../../core/instrument.ts';
import {
  accruedInterestFromCore,
  couponFromCore,
  dividendFromCore,
  futuresMarginFromCore,
} from '../../wire/convert/instrument-events.ts';
import {
  bondFromCore,
  currencyFromCore,
  etfFromCore,
  futureFromCore,
} from '../../wire/convert/instrument-kinds.ts';
import { timestampToMs } from '../../wire/convert/timestamp.ts';
import type {
  GetAccruedInterestsRequest,
  GetBondCouponsRequest,
  GetDividendsRequest,
  GetFuturesMarginRequest,
  InstrumentRequest,
  InstrumentsServiceServer,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { syntheticEconomics } from '../market/synthetic-economics.ts';
import { lookupInstrument } from './instruments-service.ts';
import { unary } from './unary.ts';

const SCOPE = 'InstrumentsService';
const DAY = 86_400_000;
/** Most days one GetAccruedInterests answers (a guard of the emulator's own). */
const MAX_ACCRUED_DAYS = 3660;

type KindServer = Pick<
  InstrumentsServiceServer,
  | 'futureBy'
  | 'futures'
  | 'etfBy'
  | 'etfs'
  | 'bondBy'
  | 'bonds'
  | 'currencyBy'
  | 'currencies'
  | 'getFuturesMargin'
  | 'getDividends'
  | 'getBondCoupons'
  | 'getAccruedInterests'
>;

const RU = { countryOfRisk: 'RU', countryOfRiskName: 'Российская Федерация' };

function ofKind(ctx: EmulatorContext, req: InstrumentRequest, kind: InstrumentKind): Instrument {
  const i = lookupInstrument(ctx, req);
  if (i.kind !== kind) throw apiErrors.instrumentNotFound();
  return i;
}

/** The instrument an events request names by instrument_id (uid, figi or TICKER_CLASS), or its figi. */
function byId(
  ctx: EmulatorContext,
  req: { figi: string; instrumentId: string },
  kind?: InstrumentKind,
): Instrument {
  const id = (req.instrumentId || req.figi).trim();
  if (!id) throw apiErrors.missingInstrument();
  const i = ctx.directory.resolve(id);
  if (!i || (kind && i.kind !== kind)) throw apiErrors.instrumentNotFound();
  return i;
}

function inPeriod(
  t: number,
  req: { from?: { seconds: number; nanos: number }; to?: { seconds: number; nanos: number } },
) {
  const from = timestampToMs(req.from) ?? -Infinity;
  const to = timestampToMs(req.to) ?? Infinity;
  if (to < from) throw apiErrors.toBeforeFrom();
  return t >= from && t < to;
}

function margin(i: Instrument) {
  const m = syntheticEconomics.margin(i.uid) ?? { onBuy: 0, onSell: 0 };
  return { initialMarginOnBuy: m.onBuy, initialMarginOnSell: m.onSell, readAt: 0 };
}

const ASSET_TYPES: Record<string, string> = { USD: 'currency', RTSI: 'index', BRENT: 'commodity' };
const future = (i: Instrument) =>
  futureFromCore(i, margin(i), {
    ...RU,
    assetType: ASSET_TYPES[i.futures?.basicAsset ?? ''] ?? 'security',
  });
const kindList = (ctx: EmulatorContext, kind: InstrumentKind) =>
  ctx.directory.all.filter((i) => i.kind === kind);

/** The per-kind handlers, merged into the InstrumentsService implementation. */
export function instrumentKindHandlers(ctx: EmulatorContext): KindServer {
  return {
    futureBy: unary(ctx, SCOPE, 'FutureBy', (req: InstrumentRequest) => ({
      instrument: future(ofKind(ctx, req, 'futures')),
    })),
    futures: unary(ctx, SCOPE, 'Futures', () => ({
      instruments: kindList(ctx, 'futures').map(future),
    })),
    etfBy: unary(ctx, SCOPE, 'EtfBy', (req: InstrumentRequest) => ({
      instrument: etfFromCore(ofKind(ctx, req, 'etf'), RU),
    })),
    etfs: unary(ctx, SCOPE, 'Etfs', () => ({
      instruments: kindList(ctx, 'etf').map((i) => etfFromCore(i, RU)),
    })),
    bondBy: unary(ctx, SCOPE, 'BondBy', (req: InstrumentRequest) => ({
      instrument: bondFromCore(ofKind(ctx, req, 'bond'), RU),
    })),
    bonds: unary(ctx, SCOPE, 'Bonds', () => ({
      instruments: kindList(ctx, 'bond').map((i) => bondFromCore(i, RU)),
    })),
    currencyBy: unary(ctx, SCOPE, 'CurrencyBy', (req: InstrumentRequest) => ({
      instrument: currencyFromCore(ofKind(ctx, req, 'currency')),
    })),
    currencies: unary(ctx, SCOPE, 'Currencies', () => ({
      instruments: kindList(ctx, 'currency').map((i) => currencyFromCore(i)),
    })),
    getFuturesMargin: unary(ctx, SCOPE, 'GetFuturesMargin', (req: GetFuturesMarginRequest) => {
      const i = byId(ctx, req, 'futures');
      return futuresMarginFromCore(margin(i), i.currency, {
        minPriceIncrement: i.minPriceIncrement,
        minPriceIncrementAmount: i.futures?.minPriceIncrementAmount ?? 0,
      });
    }),
    getDividends: unary(ctx, SCOPE, 'GetDividends', (req: GetDividendsRequest) => {
      const i = byId(ctx, req);
      const list = syntheticEconomics.dividends(i.uid).filter((d) => inPeriod(d.recordDate, req));
      return { dividends: list.map((d) => dividendFromCore(d)) };
    }),
    getBondCoupons: unary(ctx, SCOPE, 'GetBondCoupons', (req: GetBondCouponsRequest) => {
      const i = byId(ctx, req, 'bond');
      const list = syntheticEconomics.coupons(i.uid).filter((c) => inPeriod(c.couponDate, req));
      return {
        events: list.map((c) => couponFromCore(c, i.figi, i.bond?.nominalCurrency ?? i.currency)),
      };
    }),
    getAccruedInterests: unary(
      ctx,
      SCOPE,
      'GetAccruedInterests',
      (req: GetAccruedInterestsRequest) => {
        const i = byId(ctx, req, 'bond');
        const from = timestampToMs(req.from);
        const to = timestampToMs(req.to);
        if (from === undefined) throw apiErrors.missingFrom();
        if (to === undefined) throw apiErrors.missingTo();
        if (to < from) throw apiErrors.toBeforeFrom();
        if (to - from > MAX_ACCRUED_DAYS * DAY) throw apiErrors.periodExceeded();
        const out = [];
        for (let t = Math.ceil(from / DAY) * DAY; t < to; t += DAY)
          out.push(
            accruedInterestFromCore(
              syntheticEconomics.accruedInterest(i.uid, i.bond?.nominal ?? 1000, t),
            ),
          );
        return { accruedInterests: out };
      },
    ),
  };
}
