/**
 * @module Test helpers for the market-data streams: a generated grpc-js stream client wrapped with
 * a message queue, waits with timeouts, and a "sync" that pings the server and waits for the echo,
 * so every message the venue wrote before it has arrived.
 */
import { credentials, type ServiceError } from '@grpc/grpc-js';
import {
  MarketDataRequest,
  MarketDataServerSideStreamRequest,
  MarketDataStreamServiceClient,
  type MarketDataResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { auth, ts } from './helpers.ts';

/** Any part of a message, nested parts included. */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A stream under test: received messages, the final error, and controls. */
export interface TestStream {
  messages: MarketDataResponse[];
  error?: ServiceError;
  ended: boolean;
  send(req: DeepPartial<MarketDataRequest>): void;
  /** Waits until a message satisfies `pred` (searching from `from`), or throws after `ms`. */
  next(
    pred: (m: MarketDataResponse) => boolean,
    ms?: number,
    from?: number,
  ): Promise<MarketDataResponse>;
  /** Waits for the stream to end (error or normal), or throws after `ms`. */
  closed(ms?: number): Promise<ServiceError | undefined>;
  /** Pings and waits for the echo: everything sent before it has arrived. Returns the messages between. */
  sync(): Promise<MarketDataResponse[]>;
  close(): void;
}

let pingSeq = 1;

/** The name of the payload a response carries (decoded messages list every field, most undefined). */
export function payloadOf(m: MarketDataResponse): string {
  return Object.entries(m).find(([, v]) => v !== undefined)?.[0] ?? '';
}

function wrap(
  call: {
    on(e: string, fn: (x: never) => void): unknown;
    write?: (r: MarketDataRequest) => unknown;
    end?: () => unknown;
    cancel(): void;
  },
  client: MarketDataStreamServiceClient,
): TestStream {
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  let mark = 0;
  const s: TestStream = {
    messages: [],
    ended: false,
    send: (req) => call.write!(MarketDataRequest.fromPartial(req as never)),
    next: (pred, ms = 5000, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = s.messages.slice(from).find(pred);
          if (hit) {
            done();
            resolve(hit);
          } else if (s.ended) {
            done();
            reject(new Error(`stream ended (${s.error?.message ?? 'ok'}) before the message came`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error('timed out waiting for a stream message'));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    closed: (ms = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!s.ended) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(s.error);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('timed out waiting for the stream to end'));
        }, ms);
        waiters.add(check);
        check();
      }),
    sync: async () => {
      const t = Date.UTC(2000, 0, 1) + pingSeq++ * 1000;
      const start = s.messages.length;
      s.send({ ping: { time: ts(t) } });
      await s.next((m) => m.ping?.pingRequestTime?.seconds === t / 1000, 10_000, start);
      const out = s.messages.slice(mark, s.messages.length - 1);
      mark = s.messages.length;
      return out.filter((m) => !m.ping);
    },
    close: () => {
      call.cancel();
      client.close();
    },
  };
  call.on('data', (m: never) => {
    s.messages.push(m as MarketDataResponse);
    wake();
  });
  call.on('error', (e: never) => {
    s.error = e as ServiceError;
    s.ended = true;
    wake();
  });
  call.on('end', () => {
    s.ended = true;
    wake();
  });
  return s;
}

/** Opens a bidirectional MarketDataStream. */
export function openStream(address: string, token: string | null = undefined as never): TestStream {
  const client = new MarketDataStreamServiceClient(address, credentials.createInsecure());
  const call = client.marketDataStream(token === undefined ? auth() : auth(token));
  return wrap(call as never, client);
}

/** Opens a MarketDataServerSideStream with a fixed request. */
export function openServerSide(
  address: string,
  req: DeepPartial<MarketDataServerSideStreamRequest>,
): TestStream {
  const client = new MarketDataStreamServiceClient(address, credentials.createInsecure());
  const call = client.marketDataServerSideStream(
    MarketDataServerSideStreamRequest.fromPartial(req as never),
    auth(),
  );
  return wrap(call as never, client);
}
