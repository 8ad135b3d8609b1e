/**
 * @module The emulator's gRPC side: a @grpc/grpc-js server on loopback with InstrumentsService,
 * MarketDataService, MarketDataStreamService and the standard health service (grpc.health.v1.Health, SERVING), a raised
 * message size limit (full instrument lists exceed the 4 MiB default in the real API), and plaintext
 * credentials (a local test server; the real API is TLS-only).
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { InstrumentsServiceService } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import {
  MarketDataServiceService,
  MarketDataStreamServiceService,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { EmulatorContext } from '../context.ts';
import { instrumentsService } from './instruments-service.ts';
import { marketDataService } from './market-data-service.ts';
import { marketDataStreamService } from '../streams/market-data-stream-service.ts';

const MAX_MESSAGE = 64 * 1024 * 1024;
const PACKAGE = 'tinkoff.public.invest.api.contract.v1';

/** Full names of the services this server answers (also reported SERVING by the health service). */
export const SERVED_SERVICES = [
  `${PACKAGE}.InstrumentsService`,
  `${PACKAGE}.MarketDataService`,
  `${PACKAGE}.MarketDataStreamService`,
];

/** A listening gRPC server. */
export interface GrpcSide {
  server: Server;
  address: string;
  close(): Promise<void>;
}

/** Starts the gRPC server on `host:port` (0 = ephemeral). */
export async function startGrpcSide(
  ctx: EmulatorContext,
  host: string,
  port: number,
): Promise<GrpcSide> {
  const server = new Server({
    'grpc.max_send_message_length': MAX_MESSAGE,
    'grpc.max_receive_message_length': MAX_MESSAGE,
  });
  server.addService(InstrumentsServiceService, instrumentsService(ctx));
  server.addService(MarketDataServiceService, marketDataService(ctx));
  server.addService(MarketDataStreamServiceService, marketDataStreamService(ctx));
  const statuses = Object.fromEntries(SERVED_SERVICES.map((s) => [s, 'SERVING' as const]));
  new HealthImplementation({ '': 'SERVING', ...statuses }).addToServer(server);

  const hostPart = host.includes(':') ? `[${host}]` : host;
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${hostPart}:${port}`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });
  return {
    server,
    address: `${hostPart}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Give in-flight calls a moment, then cut whatever is left (streams, stuck clients).
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
