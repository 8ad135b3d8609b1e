/**
 * @module Operations as the contract reports them: GetOperations (oldest first, filtered by period,
 * state and figi) and GetOperationsByCursor (newest first, paged by an opaque cursor, filtered by
 * instrument, period, types and state, optionally without commissions or trades).
 */
import type { InstrumentKind } from '../../../core/instrument.ts';
import {
  instrumentTypeOf,
  msToTimestamp,
  nanosToMoneyValue,
  timestampToMs,
} from '../../../wire/convert/index.ts';
import {
  OperationState,
  OperationType,
  type GetOperationsByCursorRequest,
  type GetOperationsByCursorResponse,
  type Operation,
  type OperationItem,
  type OperationsRequest,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import type { OperationKind, OperationRec } from '../../trading/records.ts';
import { tradingErrors } from '../../trading/trading-errors.ts';
import type { TradingVenue } from '../../trading/venue.ts';

const TYPES: Record<OperationKind, [OperationType, string]> = {
  input: [OperationType.OPERATION_TYPE_INPUT, 'Пополнение брокерского счёта'],
  output: [OperationType.OPERATION_TYPE_OUTPUT, 'Вывод денежных средств'],
  buy: [OperationType.OPERATION_TYPE_BUY, 'Покупка ценных бумаг'],
  sell: [OperationType.OPERATION_TYPE_SELL, 'Продажа ценных бумаг'],
  'broker-fee': [OperationType.OPERATION_TYPE_BROKER_FEE, 'Удержание комиссии за операцию'],
};

function lotOf(venue: TradingVenue, op: OperationRec): number {
  return op.uid ? (venue.deps.directory.uid(op.uid)?.lot ?? 1) : 1;
}

/** One operation of GetOperations. */
export function operation(venue: TradingVenue, op: OperationRec): Operation {
  const lot = lotOf(venue, op);
  return {
    id: op.id,
    parentOperationId: op.parentId,
    currency: op.currency,
    payment: nanosToMoneyValue(op.payment, op.currency),
    price: nanosToMoneyValue(op.price, op.currency),
    state: OperationState.OPERATION_STATE_EXECUTED,
    quantity: op.quantity,
    quantityRest: op.quantityRest,
    figi: op.figi,
    instrumentType: op.instrumentKind,
    date: msToTimestamp(op.time),
    type: TYPES[op.kind][1],
    operationType: TYPES[op.kind][0],
    trades: op.trades.map((t) => ({
      tradeId: t.tradeId,
      dateTime: msToTimestamp(t.time),
      quantity: t.lots * lot,
      price: nanosToMoneyValue(t.price, op.currency),
    })),
    assetUid: '',
    positionUid: op.uid,
    instrumentUid: op.uid,
    childOperations: [],
  };
}

function inPeriod(op: OperationRec, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || op.time >= from) && (to === undefined || op.time < to);
}

/** Every operation is executed (the venue records operations only on execution). */
function stateMatches(state: OperationState | undefined): boolean {
  return (
    state === undefined ||
    state === OperationState.OPERATION_STATE_UNSPECIFIED ||
    state === OperationState.OPERATION_STATE_EXECUTED
  );
}

/** GetOperations. */
export function operations(venue: TradingVenue, accountId: string, req: OperationsRequest) {
  const from = timestampToMs(req.from);
  const to = timestampToMs(req.to);
  const figi = req.figi?.trim().toUpperCase();
  const list = venue.ledger
    .operations(accountId)
    .filter((op) => inPeriod(op, from, to) && stateMatches(req.state))
    .filter((op) => !figi || op.figi.toUpperCase() === figi);
  return { operations: list.map((op) => operation(venue, op)) };
}

const MAX_PAGE = 1000;

/** GetOperationsByCursor: newest first; the cursor is the id of the next item. */
export function operationsByCursor(
  venue: TradingVenue,
  accountId: string,
  req: GetOperationsByCursorRequest,
): GetOperationsByCursorResponse {
  const limit = req.limit === undefined || req.limit === 0 ? 100 : req.limit;
  if (limit < 0 || limit > MAX_PAGE) throw tradingErrors.limitTooHigh();
  const from = timestampToMs(req.from);
  const to = timestampToMs(req.to);
  const inst = req.instrumentId ? venue.instrument(req.instrumentId) : undefined;
  const types = new Set(req.operationTypes);
  const all = [...venue.ledger.operations(accountId)]
    .reverse()
    .filter((op) => inPeriod(op, from, to) && stateMatches(req.state))
    .filter((op) => !inst || op.uid === inst.uid)
    .filter((op) => types.size === 0 || types.has(TYPES[op.kind][0]))
    .filter((op) => !(req.withoutCommissions && op.kind === 'broker-fee'));
  const start = req.cursor ? all.findIndex((op) => op.id === req.cursor) : 0;
  const page = all.slice(Math.max(0, start), Math.max(0, start) + limit);
  const next = all[Math.max(0, start) + limit];
  return {
    hasNext: next !== undefined,
    nextCursor: next?.id ?? '',
    items: page.map((op) => item(venue, accountId, op, req.withoutTrades === true)),
  };
}

function item(
  venue: TradingVenue,
  accountId: string,
  op: OperationRec,
  noTrades: boolean,
): OperationItem {
  const o = operation(venue, op);
  const fee = venue.ledger
    .operations(accountId)
    .find((f) => f.kind === 'broker-fee' && f.parentId === op.id);
  const money = (n: bigint) => nanosToMoneyValue(n, op.currency);
  return {
    cursor: op.id,
    brokerAccountId: accountId,
    id: op.id,
    parentOperationId: op.parentId,
    name: o.type,
    date: o.date,
    type: o.operationType,
    description: o.type,
    state: o.state,
    instrumentUid: op.uid,
    figi: op.figi,
    instrumentType: op.instrumentKind,
    instrumentKind: instrumentTypeOf((op.instrumentKind || 'other') as InstrumentKind),
    positionUid: op.uid,
    payment: o.payment,
    price: o.price,
    commission: money(fee ? -fee.payment : 0n),
    yield: money(0n),
    yieldRelative: { units: 0, nano: 0 },
    accruedInt: money(0n),
    quantity: op.quantity,
    quantityRest: op.quantityRest,
    quantityDone: op.quantity - op.quantityRest,
    cancelDateTime: undefined,
    cancelReason: '',
    tradesInfo: noTrades
      ? undefined
      : {
          trades: o.trades.map((t) => ({
            num: t.tradeId,
            date: t.dateTime,
            quantity: t.quantity,
            price: t.price,
            yield: money(0n),
            yieldRelative: { units: 0, nano: 0 },
          })),
        },
    assetUid: '',
    childOperations: [],
  };
}
