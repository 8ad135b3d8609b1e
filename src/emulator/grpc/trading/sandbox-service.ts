/**
 * @module SandboxService: every rpc of the contract, always on the sandbox host whatever server or
 * token the call came with. Accounts are opened and closed here and paid in (RUB only); the order,
 * stop-order and account methods are the ordinary services' bodies on the sandbox host.
 */
import { status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { nanosToMoneyValue, quotationToNanos } from '../../../wire/convert/index.ts';
import type { SandboxServiceServer } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { ApiError } from '../../api-error.ts';
import { TradingVenue } from '../../trading/venue.ts';
import { tradingErrors } from '../../trading/trading-errors.ts';
import { unary } from '../unary.ts';
import { portfolio, positions, withdrawLimits } from './account-views.ts';
import * as h from './order-handlers.ts';
import { operations, operationsByCursor } from './operation-views.ts';
import { cancelStop, getStops, postStop, type StopScope } from './stop-orders-service.ts';
import { accounts } from './users-service.ts';

const S = 'SandboxService';
const SBX = 'sandbox' as const;

const onlyRub = () =>
  new ApiError(
    status.INVALID_ARGUMENT,
    '30102',
    'SandboxPayIn accepts a positive amount in RUB only',
  );

export function sandboxService(s: StopScope): UntypedServiceImplementation {
  const ctx = s.ctx;
  const v = s.venue;
  const acc = (id: string) => v.account(SBX, id);
  const impl: SandboxServiceServer = {
    openSandboxAccount: unary(ctx, S, 'OpenSandboxAccount', (req) => {
      const open = v.accountsOf(SBX).filter((a) => a.status === 'open').length;
      if (open >= v.opts.sandboxAccountLimit) throw tradingErrors.sandboxAccountLimit();
      return { accountId: v.ledger.openAccount(SBX, req.name ?? '', v.now).id };
    }),
    getSandboxAccounts: unary(ctx, S, 'GetSandboxAccounts', (req, info) =>
      accounts(s, SBX, req, info),
    ),
    closeSandboxAccount: unary(ctx, S, 'CloseSandboxAccount', (req) => {
      const a = v.tradingAccount(SBX, req.accountId);
      v.deps.store.transaction(() => {
        for (const o of [...v.orders.values()].filter(
          (x) => x.accountId === a.id && TradingVenue.active(x),
        )) {
          v.finish(o, 'cancelled', 'the account was closed');
          v.save(o);
        }
        v.ledger.closeAccount(a, v.now);
      });
      return {};
    }),
    postSandboxOrder: unary(ctx, S, 'PostSandboxOrder', (req, info) =>
      h.postOrder(s, SBX, req, info),
    ),
    postSandboxOrderAsync: unary(ctx, S, 'PostSandboxOrderAsync', (req, info) =>
      h.postOrderAsync(s, SBX, req, info),
    ),
    replaceSandboxOrder: unary(ctx, S, 'ReplaceSandboxOrder', (req, info) =>
      h.replace(s, SBX, req, info),
    ),
    getSandboxOrders: unary(ctx, S, 'GetSandboxOrders', (req) => h.getOrders(s, SBX, req)),
    cancelSandboxOrder: unary(ctx, S, 'CancelSandboxOrder', (req, info) =>
      h.cancel(s, SBX, req, info),
    ),
    getSandboxOrderState: unary(ctx, S, 'GetSandboxOrderState', (req) =>
      h.getOrderState(s, SBX, req),
    ),
    getSandboxOrderPrice: unary(ctx, S, 'GetSandboxOrderPrice', (req) =>
      h.getOrderPrice(s, SBX, req),
    ),
    getSandboxPositions: unary(ctx, S, 'GetSandboxPositions', (req) =>
      positions(v, acc(req.accountId)),
    ),
    getSandboxOperations: unary(ctx, S, 'GetSandboxOperations', (req) =>
      operations(v, acc(req.accountId).id, req),
    ),
    getSandboxOperationsByCursor: unary(ctx, S, 'GetSandboxOperationsByCursor', (req) =>
      operationsByCursor(v, acc(req.accountId).id, req),
    ),
    getSandboxPortfolio: unary(ctx, S, 'GetSandboxPortfolio', (req) =>
      portfolio(v, acc(req.accountId)),
    ),
    sandboxPayIn: unary(ctx, S, 'SandboxPayIn', (req) => {
      const a = v.tradingAccount(SBX, req.accountId);
      const amount = quotationToNanos(req.amount);
      if (!req.amount || req.amount.currency.toLowerCase() !== 'rub' || amount <= 0n)
        throw onlyRub();
      const m = v.deps.store.transaction(() => v.ledger.payIn(a.id, amount, 'rub', v.now));
      v.emit({ kind: 'book', accountId: a.id, time: v.now });
      return { balance: nanosToMoneyValue(m.balance, 'rub') };
    }),
    getSandboxWithdrawLimits: unary(ctx, S, 'GetSandboxWithdrawLimits', (req) =>
      withdrawLimits(v, acc(req.accountId)),
    ),
    getSandboxMaxLots: unary(ctx, S, 'GetSandboxMaxLots', (req) => h.getMaxLots(s, SBX, req)),
    postSandboxStopOrder: unary(ctx, S, 'PostSandboxStopOrder', (req, info) =>
      postStop(s, SBX, req, info),
    ),
    getSandboxStopOrders: unary(ctx, S, 'GetSandboxStopOrders', (req) => getStops(s, SBX, req)),
    cancelSandboxStopOrder: unary(ctx, S, 'CancelSandboxStopOrder', (req, info) =>
      cancelStop(s, SBX, req, info),
    ),
  };
  return impl;
}
