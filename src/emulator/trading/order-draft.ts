/**
 * @module A new order record as the venue builds it from a checked request, before any fill.
 */
import type { Instrument } from '../../core/instrument.ts';
import { sessionEndAfter, type OrderRequest } from './order-intake.ts';
import type { Direction, Host, OrderRec } from './records.ts';

/** What the venue decided about a new order besides the request itself. */
export interface DraftFacts {
  accountId: string;
  host: Host;
  direction: Direction;
  now: number;
  price: bigint | null;
  initialPrice: bigint;
  initialCommission: bigint;
  stopOrderId: string | null;
}

/** The record of a new order (no id yet, nothing filled or blocked). */
export function draftOrder(inst: Instrument, req: OrderRequest, f: DraftFacts): OrderRec {
  return {
    id: '',
    requestId: req.requestId,
    accountId: f.accountId,
    host: f.host,
    uid: inst.uid,
    figi: inst.figi,
    ticker: inst.ticker,
    classCode: inst.classCode,
    kind: inst.kind,
    lot: inst.lot,
    currency: inst.currency,
    direction: f.direction,
    type: req.type ?? 'market',
    tif: req.tif,
    lotsRequested: req.lots,
    lotsExecuted: 0,
    price: f.price,
    initialPrice: f.initialPrice,
    status: 'new',
    createdAt: f.now,
    updatedAt: f.now,
    expiresAt: sessionEndAfter(f.now),
    fills: [],
    executedValue: 0n,
    commission: 0n,
    initialCommission: f.initialCommission,
    blockedMoney: 0n,
    blockedPieces: 0,
    message: '',
    stopOrderId: f.stopOrderId,
  };
}
