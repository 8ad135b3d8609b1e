/**
 * @module MarketDataStreamService of the emulator: the bidirectional MarketDataStream and the
 * server-side MarketDataServerSideStream, with the token check at open (UNAUTHENTICATED 40003) and
 * the per-token stream count (RESOURCE_EXHAUSTED 80001); everything else is the session's.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type {
  MarketDataRequest,
  MarketDataResponse,
  MarketDataStreamServiceServer,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { bearerToken } from '../policy/auth.ts';
import { RateLimiter } from '../policy/rate-limiter.ts';
import { MarketDataSession, MD_STREAM, SUBSCRIPTION_SCOPE } from './md-session.ts';
import { endWithError, type StreamCall } from './stream-shell.ts';

/** The service implementation, ready for `server.addService`. */
export function marketDataStreamService(ctx: EmulatorContext): UntypedServiceImplementation {
  const requests = new RateLimiter({
    enabled: ctx.limiter.enabled,
    windowMs: ctx.limiter.windowMs,
    perService: { [SUBSCRIPTION_SCOPE]: ctx.streamOptions.subscriptionRequestsPerMinute },
  });
  const open = (call: StreamCall<MarketDataResponse>): MarketDataSession | undefined => {
    const token = bearerToken(call.metadata.get('authorization')[0]?.toString());
    if (!ctx.tokens.accepts(token)) {
      endWithError(call, apiErrors.unauthenticated());
      return undefined;
    }
    if (ctx.streams.count(MD_STREAM, token) >= ctx.streamOptions.marketDataStreamsPerToken) {
      endWithError(call, apiErrors.tooManyStreams());
      return undefined;
    }
    return new MarketDataSession(ctx, call, token, requests);
  };
  const impl: MarketDataStreamServiceServer = {
    marketDataStream: (call) => {
      const session = open(call);
      if (!session) return;
      call.on('data', (req: MarketDataRequest) => session.handle(req));
      call.on('end', () => session.end());
    },
    marketDataServerSideStream: (call) => {
      open(call)?.handle(call.request);
    },
  };
  return impl;
}
