/**
 * @module UsersService: the accounts of the host the call trades on, margin attributes, the tariff
 * (the per-minute limits this venue enforces and its stream limits) and the user's info.
 */
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { msToTimestamp } from '../../../wire/convert/index.ts';
import { InstrumentsServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { MarketDataServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
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
import {
  AccessLevel,
  AccountStatus,
  AccountType,
  type Account,
  type GetAccountsRequest,
  type GetAccountsResponse,
  type GetUserTariffResponse,
  type UsersServiceServer,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { UsersServiceService } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import type { AccountRec, Host } from '../../trading/records.ts';
import { unary, type CallInfo } from '../unary.ts';
import { marginAttributes } from './account-views.ts';
import { callHost, type TradingScope } from './trading-call.ts';

const SCOPE = 'UsersService';

/** Unary services and the limiter scope each is counted under. */
const UNARY: [string, ServiceDefinition][] = [
  ['InstrumentsService', InstrumentsServiceService],
  ['MarketDataService', MarketDataServiceService],
  ['UsersService', UsersServiceService],
  ['OperationsService', OperationsServiceService],
  ['OrdersService', OrdersServiceService],
  ['StopOrdersService', StopOrdersServiceService],
  ['SandboxService', SandboxServiceService],
];
/** Stream methods and how many the venue lets one token open (the documented grade-1 figures). */
const STREAMS: [ServiceDefinition, number][] = [
  [OrdersStreamServiceService, 10],
  [OperationsStreamServiceService, 2],
];

function paths(def: ServiceDefinition): string[] {
  return Object.values(def).map((m) => m.path.slice(1));
}

/** `tinkoff...v1.OrdersService/PostOrder` for the limiter scope `OrdersService/PostOrder`. */
function fullPath(scope: string): string {
  return `tinkoff.public.invest.api.contract.v1.${scope}`;
}

/**
 * GetUserTariff: the limits this venue enforces, per service, and one entry of its own for each
 * method counted apart from its service (those methods are not in their service's list).
 */
export function tariff(scope: TradingScope): GetUserTariffResponse {
  const limiter = scope.ctx.limiter;
  const own = new Set([...limiter.methodScopes().keys()].map(fullPath));
  return {
    unaryLimits: [
      ...UNARY.map(([name, def]) => ({
        limitPerMinute: limiter.limitOf(name),
        methods: paths(def).filter((p) => !own.has(p)),
      })),
      ...[...limiter.methodScopes()].map(([method, limit]) => ({
        limitPerMinute: limit,
        methods: [fullPath(method)],
      })),
    ],
    streamLimits: [
      {
        limit: 16,
        streams: ['tinkoff.public.invest.api.contract.v1.MarketDataStreamService/MarketDataStream'],
        open: 0,
      },
      ...STREAMS.map(([def, limit]) => ({ limit, streams: paths(def), open: 0 })),
    ],
  };
}

function accountMessage(a: AccountRec, readOnly: boolean): Account {
  return {
    id: a.id,
    type: AccountType.ACCOUNT_TYPE_TINKOFF,
    name: a.name,
    status:
      a.status === 'open' ? AccountStatus.ACCOUNT_STATUS_OPEN : AccountStatus.ACCOUNT_STATUS_CLOSED,
    openedDate: msToTimestamp(a.openedAt),
    closedDate: a.closedAt === null ? undefined : msToTimestamp(a.closedAt),
    accessLevel: readOnly
      ? AccessLevel.ACCOUNT_ACCESS_LEVEL_READ_ONLY
      : AccessLevel.ACCOUNT_ACCESS_LEVEL_FULL_ACCESS,
  };
}

/** GetAccounts / GetSandboxAccounts on `host`. */
export function accounts(
  scope: TradingScope,
  host: Host,
  req: GetAccountsRequest,
  info: CallInfo,
): GetAccountsResponse {
  const readOnly = (scope.venue.opts.readOnlyTokens ?? []).includes(info.token);
  const want = req.status ?? AccountStatus.ACCOUNT_STATUS_UNSPECIFIED;
  const list = scope.venue.accountsOf(host).filter((a) => {
    if (want === AccountStatus.ACCOUNT_STATUS_OPEN) return a.status === 'open';
    if (want === AccountStatus.ACCOUNT_STATUS_CLOSED) return a.status === 'closed';
    if (want === AccountStatus.ACCOUNT_STATUS_NEW) return false;
    // UNSPECIFIED lists the open accounts, as the API does; ALL lists every account.
    return want === AccountStatus.ACCOUNT_STATUS_ALL || a.status === 'open';
  });
  return { accounts: list.map((a) => accountMessage(a, readOnly)) };
}

/** The UsersService implementation of one server. */
export function usersService(scope: TradingScope): UntypedServiceImplementation {
  const ctx = scope.ctx;
  const impl: UsersServiceServer = {
    getAccounts: unary(ctx, SCOPE, 'GetAccounts', (req, info) =>
      accounts(scope, callHost(scope, info), req, info),
    ),
    getMarginAttributes: unary(ctx, SCOPE, 'GetMarginAttributes', (req, info) => {
      const host = callHost(scope, info);
      return marginAttributes(scope.venue, scope.venue.account(host, req.accountId));
    }),
    getUserTariff: unary(ctx, SCOPE, 'GetUserTariff', () => tariff(scope)),
    getInfo: unary(ctx, SCOPE, 'GetInfo', (_req, info) => ({
      premStatus: false,
      qualStatus: false,
      qualifiedForWorkWith: [],
      tariff: callHost(scope, info) === 'sandbox' ? 'sandbox' : 'trader',
      userId: '00000000-0000-4000-8000-00000000000a',
    })),
  };
  return impl;
}
