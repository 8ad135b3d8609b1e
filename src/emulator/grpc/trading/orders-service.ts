/**
 * @module OrdersService and OperationsService of one server: the order and account methods on the
 * host the call trades on (production-like, or the sandbox for a sandbox token or the sandbox port).
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { OperationsServiceServer } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import type { OrdersServiceServer } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { unary } from '../unary.ts';
import { portfolio, positions, withdrawLimits } from './account-views.ts';
import * as h from './order-handlers.ts';
import { operations, operationsByCursor } from './operation-views.ts';
import { callHost, type TradingScope } from './trading-call.ts';

/** OrdersService. */
export function ordersService(s: TradingScope): UntypedServiceImplementation {
  const ctx = s.ctx;
  const S = 'OrdersService';
  const impl: OrdersServiceServer = {
    postOrder: unary(ctx, S, 'PostOrder', (req, info) =>
      h.postOrder(s, callHost(s, info), req, info),
    ),
    postOrderAsync: unary(ctx, S, 'PostOrderAsync', (req, info) =>
      h.postOrderAsync(s, callHost(s, info), req, info),
    ),
    cancelOrder: unary(ctx, S, 'CancelOrder', (req, info) =>
      h.cancel(s, callHost(s, info), req, info),
    ),
    getOrderState: unary(ctx, S, 'GetOrderState', (req, info) =>
      h.getOrderState(s, callHost(s, info), req),
    ),
    getOrders: unary(ctx, S, 'GetOrders', (req, info) => h.getOrders(s, callHost(s, info), req)),
    replaceOrder: unary(ctx, S, 'ReplaceOrder', (req, info) =>
      h.replace(s, callHost(s, info), req, info),
    ),
    getMaxLots: unary(ctx, S, 'GetMaxLots', (req, info) => h.getMaxLots(s, callHost(s, info), req)),
    getOrderPrice: unary(ctx, S, 'GetOrderPrice', (req, info) =>
      h.getOrderPrice(s, callHost(s, info), req),
    ),
  };
  return impl;
}

/** OperationsService (GetBrokerReport and GetDividendsForeignIssuer are not in our contract). */
export function operationsService(s: TradingScope): UntypedServiceImplementation {
  const ctx = s.ctx;
  const S = 'OperationsService';
  const acc = (id: string, info: Parameters<typeof callHost>[1]) =>
    s.venue.account(callHost(s, info), id);
  const impl: OperationsServiceServer = {
    getOperations: unary(ctx, S, 'GetOperations', (req, info) =>
      operations(s.venue, acc(req.accountId, info).id, req),
    ),
    getPortfolio: unary(ctx, S, 'GetPortfolio', (req, info) =>
      portfolio(s.venue, acc(req.accountId, info)),
    ),
    getPositions: unary(ctx, S, 'GetPositions', (req, info) =>
      positions(s.venue, acc(req.accountId, info)),
    ),
    getWithdrawLimits: unary(ctx, S, 'GetWithdrawLimits', (req, info) =>
      withdrawLimits(s.venue, acc(req.accountId, info)),
    ),
    getOperationsByCursor: unary(ctx, S, 'GetOperationsByCursor', (req, info) =>
      operationsByCursor(s.venue, acc(req.accountId, info).id, req),
    ),
  };
  return impl;
}
