/**
 * @module Puts the order side on a gRPC server: Users, Orders, OrdersStream, StopOrders, Operations,
 * OperationsStream and Sandbox services, all over one venue, as the host `serverHost`.
 */
import type { Server } from '@grpc/grpc-js';
import {
  OperationsServiceService,
  OperationsStreamServiceService,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  OrdersServiceService,
  OrdersStreamServiceService,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { SandboxServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { StopOrdersServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { UsersServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import type { EmulatorContext } from '../../context.ts';
import type { Host } from '../../trading/records.ts';
import type { StopBook } from '../../trading/stop-book.ts';
import type { TradingVenue } from '../../trading/venue.ts';
import { operationsStreamService } from './operations-stream-service.ts';
import { operationsService, ordersService } from './orders-service.ts';
import { ordersStreamService } from './orders-stream-service.ts';
import { sandboxService } from './sandbox-service.ts';
import { stopOrdersService } from './stop-orders-service.ts';
import { usersService } from './users-service.ts';

/** The venue's order side, shared by every server of one emulator. */
export interface TradingSide {
  venue: TradingVenue;
  stops: StopBook;
}

const PACKAGE = 'tinkoff.public.invest.api.contract.v1';

/** Adds the order-side services to `server`; returns their full names (for the health service). */
export function addTradingServices(
  server: Server,
  ctx: EmulatorContext,
  side: TradingSide,
  serverHost: Host,
): string[] {
  const scope = { ctx, venue: side.venue, stops: side.stops, serverHost };
  server.addService(UsersServiceService, usersService(scope));
  server.addService(OrdersServiceService, ordersService(scope));
  server.addService(OrdersStreamServiceService, ordersStreamService(scope));
  server.addService(StopOrdersServiceService, stopOrdersService(scope));
  server.addService(OperationsServiceService, operationsService(scope));
  server.addService(OperationsStreamServiceService, operationsStreamService(scope));
  server.addService(SandboxServiceService, sandboxService(scope));
  return [
    'UsersService',
    'OrdersService',
    'OrdersStreamService',
    'StopOrdersService',
    'OperationsService',
    'OperationsStreamService',
    'SandboxService',
  ].map((s) => `${PACKAGE}.${s}`);
}
