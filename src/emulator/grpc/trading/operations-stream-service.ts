/**
 * @module OperationsStreamService: PortfolioStream (the whole portfolio of an account after every
 * change of its books) and PositionsStream (the changed positions, optionally the initial ones).
 */
import type { ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  PortfolioSubscriptionStatus,
  PositionsAccountSubscriptionStatus,
  type OperationsStreamServiceServer,
  type PortfolioStreamRequest,
  type PortfolioStreamResponse,
  type PositionsStreamRequest,
  type PositionsStreamResponse,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { openStream, type OpenStream } from './account-stream.ts';
import { portfolio, positionData, positions } from './account-views.ts';
import type { TradingScope } from './trading-call.ts';

function statuses<S>(open: OpenStream, ok: S, missing: S) {
  return [
    ...open.accounts.map((a) => ({ accountId: a.id, subscriptionStatus: ok })),
    ...open.unknown.map((id) => ({ accountId: id, subscriptionStatus: missing })),
  ];
}

export function operationsStreamService(scope: TradingScope): UntypedServiceImplementation {
  const v = scope.venue;
  const impl: OperationsStreamServiceServer = {
    portfolioStream(call: ServerWritableStream<PortfolioStreamRequest, PortfolioStreamResponse>) {
      const open = openStream(scope, call, call.request.accounts, {
        ms: call.request.pingSettings?.pingDelayMs,
        range: [5000, 180_000],
        wrap: (ping) => ({ ping }),
      });
      if (!open) return;
      call.write({
        subscriptions: {
          accounts: statuses(
            open,
            PortfolioSubscriptionStatus.PORTFOLIO_SUBSCRIPTION_STATUS_SUCCESS,
            PortfolioSubscriptionStatus.PORTFOLIO_SUBSCRIPTION_STATUS_ACCOUNT_NOT_FOUND,
          ),
          trackingId: open.trackingId,
          streamId: open.streamId,
        },
      });
      const byId = new Map(open.accounts.map((a) => [a.id, a]));
      open.onEnd(
        v.listen((e) => {
          const acc = e.kind === 'book' ? byId.get(e.accountId) : undefined;
          if (acc) call.write({ portfolio: portfolio(v, acc) });
        }),
      );
    },
    positionsStream(call: ServerWritableStream<PositionsStreamRequest, PositionsStreamResponse>) {
      const open = openStream(scope, call, call.request.accounts, {
        ms: call.request.pingSettings?.pingDelayMs,
        range: [5000, 180_000],
        wrap: (ping) => ({ ping }),
      });
      if (!open) return;
      call.write({
        subscriptions: {
          accounts: statuses(
            open,
            PositionsAccountSubscriptionStatus.POSITIONS_SUBSCRIPTION_STATUS_SUCCESS,
            PositionsAccountSubscriptionStatus.POSITIONS_SUBSCRIPTION_STATUS_ACCOUNT_NOT_FOUND,
          ),
          trackingId: open.trackingId,
          streamId: open.streamId,
        },
      });
      if (call.request.withInitialPositions) {
        for (const acc of open.accounts) call.write({ initialPositions: positions(v, acc) });
      }
      const byId = new Map(open.accounts.map((a) => [a.id, a]));
      open.onEnd(
        v.listen((e) => {
          const acc = e.kind === 'book' ? byId.get(e.accountId) : undefined;
          if (acc && e.kind === 'book') call.write({ position: positionData(v, acc, e.time) });
        }),
      );
    },
  };
  return impl;
}
