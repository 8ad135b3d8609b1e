/**
 * @module What every order-side handler shares: which host a call trades on (the server it came
 * to, or a sandbox token on the main server), the read-only token rule (40002), the ResponseMetadata
 * some bodies carry, and the order-placement faults (lost acknowledgement, 70002 after placement).
 */
import { msToTimestamp } from '../../../wire/convert/timestamp.ts';
import type { ResponseMetadata } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import { apiErrors } from '../../api-error.ts';
import type { EmulatorContext } from '../../context.ts';
import { hostOf } from '../../trading/order-intake.ts';
import type { Host } from '../../trading/records.ts';
import { tradingErrors } from '../../trading/trading-errors.ts';
import type { TradingVenue } from '../../trading/venue.ts';
import type { CallInfo } from '../unary.ts';

/** The order side as one gRPC server sees it. */
export interface TradingScope {
  ctx: EmulatorContext;
  venue: TradingVenue;
  /** The host this server is ('prod' for the main port, 'sandbox' for the sandbox port). */
  serverHost: Host;
}

/** The host a call trades on. */
export function callHost(scope: TradingScope, info: CallInfo): Host {
  const tokens = new Set(scope.venue.opts.sandboxTokens ?? []);
  return hostOf(scope.serverHost, info.token, tokens);
}

/** Refuses read-only tokens (PERMISSION_DENIED 40002) for anything that trades. */
export function requireTrader(scope: TradingScope, info: CallInfo): void {
  if ((scope.venue.opts.readOnlyTokens ?? []).includes(info.token)) {
    throw tradingErrors.noPrivileges();
  }
}

/** ResponseMetadata for a body: the call's tracking id and the venue time. */
export function responseMeta(scope: TradingScope, info: CallInfo): ResponseMetadata {
  return { trackingId: info.trackingId, serverTime: msToTimestamp(scope.venue.now) };
}

/**
 * Runs a placement and then the configured faults for its number: the placement stays, but the
 * caller gets no answer (connection cut) or INTERNAL 70002.
 */
export function placed<T>(scope: TradingScope, info: CallInfo, place: () => T): T {
  const result = place();
  const n = ++scope.ctx.stats.orderPlacements;
  if (scope.ctx.faults.lostAckOnOrders?.includes(n)) {
    info.dropConnection();
    throw apiErrors.unavailable();
  }
  if (scope.ctx.faults.internalErrorOnOrders?.includes(n)) throw tradingErrors.networkError();
  return result;
}
