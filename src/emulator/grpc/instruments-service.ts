/**
 * @module InstrumentsService of the emulator: ShareBy, GetInstrumentBy, FindInstrument (every kind)
 * and Shares over the emulator's instruments, plus the other kinds' rpcs (instruments-kinds.ts),
 * with the real lookup rules (ticker needs class_code: 30013;
 * unknown instrument: NOT_FOUND 50002).
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Instrument } from '../../core/instrument.ts';
import {
  InstrumentIdType,
  ShareType,
  type InstrumentRequest,
  type InstrumentsServiceServer,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import {
  instrumentFromCore,
  instrumentShortFromCore,
  instrumentTypeOf,
  shareFromCore,
} from '../../wire/convert/instrument.ts';
import { apiErrors } from '../api-error.ts';
import { instrumentKindHandlers } from './instruments-kinds.ts';
import type { EmulatorContext } from '../context.ts';
import { tradingSchedules } from './trading-schedules.ts';
import { unary } from './unary.ts';

const SCOPE = 'InstrumentsService';

/** Resolves an InstrumentRequest the way the API does, or throws the API's error. */
export function lookupInstrument(ctx: EmulatorContext, req: InstrumentRequest): Instrument {
  const id = req.id.trim();
  if (!id) throw apiErrors.missingInstrument();
  const dir = ctx.directory;
  let found: Instrument | undefined;
  switch (req.idType) {
    case InstrumentIdType.INSTRUMENT_ID_TYPE_FIGI:
      found = dir.figi(id);
      break;
    case InstrumentIdType.INSTRUMENT_ID_TYPE_UID:
      found = dir.uid(id);
      break;
    case InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER:
      if (!req.classCode?.trim()) throw apiErrors.classCodeRequired();
      found = dir.ticker(id, req.classCode);
      break;
    case InstrumentIdType.INSTRUMENT_ID_TYPE_POSITION_UID:
      // Position uids are not modelled: nothing is found by them.
      break;
    default:
      // Leniency of the emulator: an unspecified id type accepts any id GetCandles would.
      found = dir.resolve(id);
  }
  if (!found) throw apiErrors.instrumentNotFound();
  return found;
}

function share(i: Instrument) {
  return shareFromCore(i, {
    shareType: ShareType.SHARE_TYPE_COMMON,
    countryOfRisk: 'RU',
    countryOfRiskName: 'Российская Федерация',
  });
}

function matches(i: Instrument, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return false;
  return [i.ticker, i.figi, i.uid, i.isin, i.name].some((f) => f.toLowerCase().includes(q));
}

/** The service implementation, ready for `server.addService`. */
export function instrumentsService(ctx: EmulatorContext): UntypedServiceImplementation {
  const impl: InstrumentsServiceServer = {
    ...instrumentKindHandlers(ctx),
    shareBy: unary(ctx, SCOPE, 'ShareBy', (req: InstrumentRequest) => {
      const i = lookupInstrument(ctx, req);
      if (i.kind !== 'share') throw apiErrors.instrumentNotFound();
      return { instrument: share(i) };
    }),
    getInstrumentBy: unary(ctx, SCOPE, 'GetInstrumentBy', (req: InstrumentRequest) => ({
      instrument: instrumentFromCore(lookupInstrument(ctx, req)),
    })),
    shares: unary(ctx, SCOPE, 'Shares', () => ({
      instruments: ctx.directory.all.filter((i) => i.kind === 'share').map(share),
    })),
    findInstrument: unary(ctx, SCOPE, 'FindInstrument', (req) => ({
      instruments: ctx.directory.all
        .filter((i) => matches(i, req.query))
        .filter((i) => !req.instrumentKind || instrumentTypeOf(i.kind) === req.instrumentKind)
        .map(instrumentShortFromCore),
    })),
    tradingSchedules: unary(ctx, SCOPE, 'TradingSchedules', (req) => tradingSchedules(ctx, req)),
  };
  return impl;
}
