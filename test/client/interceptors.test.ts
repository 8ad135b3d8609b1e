/**
 * @module What the client puts on the wire, seen by a plain grpc-js server on loopback: the Bearer
 * token, x-app-name, a per-method deadline on unary calls, and the one shared channel.
 */
import {
  Server,
  ServerCredentials,
  status,
  type Metadata,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InstrumentsServiceService,
  type InstrumentRequest,
  type ShareResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { shareFromCore } from '../../src/wire/convert/instrument.ts';
import type { TinkoffApiError } from '../../src/live/index.ts';
import { createTinvestClient } from '../../src/live/index.ts';
import {
  MarketDataServiceClient,
  MarketDataServiceService,
  type GetCandlesRequest,
  type GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { historicCandleFromCore } from '../../src/wire/convert/candle.ts';
import { timestampToMs } from '../../src/wire/convert/timestamp.ts';
import { failure } from './helpers.ts';

const seen: Array<{ metadata: Metadata; deadlineIn: number; peer: string }> = [];
let server: Server;
let lastCandlesRequest: GetCandlesRequest | undefined;
let address = '';
const spec = {
  uid: 'u-1',
  figi: 'F',
  ticker: 'T',
  classCode: 'C',
  isin: 'I',
  name: 'N',
  kind: 'share' as const,
  lot: 1,
  minPriceIncrement: 0.01,
  currency: 'rub',
  shortEnabled: false,
  exchange: 'MOEX',
};

beforeAll(async () => {
  server = new Server();
  server.addService(InstrumentsServiceService, {
    shareBy(
      call: ServerUnaryCall<InstrumentRequest, ShareResponse>,
      cb: (e: unknown, r?: ShareResponse) => void,
    ) {
      const d = call.getDeadline();
      seen.push({
        metadata: call.metadata,
        deadlineIn: (d instanceof Date ? d.getTime() : d) - Date.now(),
        peer: call.getPeer(),
      });
      if (call.request.id === 'fail') return cb({ code: status.NOT_FOUND, details: '50002' });
      cb(null, { instrument: shareFromCore(spec) });
    },
  } as never);
  server.addService(MarketDataServiceService, {
    getCandles(
      call: ServerUnaryCall<GetCandlesRequest, GetCandlesResponse>,
      cb: (e: unknown, r?: GetCandlesResponse) => void,
    ) {
      const from = timestampToMs(call.request.from)!;
      lastCandlesRequest = call.request;
      cb(null, {
        candles: [
          historicCandleFromCore({
            time: from,
            open: 1,
            high: 2,
            low: 0.5,
            close: 1.5,
            volume: 10,
          }),
          historicCandleFromCore(
            { time: from + 60_000, open: 1.5, high: 1.6, low: 1.4, close: 1.55, volume: 3 },
            false,
          ),
        ],
      });
    },
  } as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  address = `127.0.0.1:${port}`;
});
afterAll(() => {
  server.forceShutdown();
});

describe('interceptors', () => {
  it('sends Bearer auth, x-app-name and the per-method deadline on one connection', async () => {
    const c = createTinvestClient({
      endpoint: address,
      token: 'tok-1',
      appName: 'me.tinvest-lab',
      deadlines: { perMethod: { ShareBy: 7000 } },
    });
    expect(await c.shareBy({ idType: 'uid', id: 'u-1' })).toEqual(spec);
    await c.shareBy({ idType: 'uid', id: 'u-1' });
    const e = (await failure(c.shareBy({ idType: 'uid', id: 'fail' }))) as TinkoffApiError;
    // A generated stub created through `raw` shares the channel and the interceptors.
    const md = c.raw.stub(MarketDataServiceClient);
    expect(md.getChannel()).toBe(c.raw.channel);
    await c.close();
    expect(e.apiCode).toBe(50002);
    expect(seen).toHaveLength(3);
    for (const s of seen) {
      expect(s.metadata.get('authorization')).toEqual(['Bearer tok-1']);
      expect(s.metadata.get('x-app-name')).toEqual(['me.tinvest-lab']);
      expect(s.deadlineIn).toBeGreaterThan(5000);
      expect(s.deadlineIn).toBeLessThanOrEqual(7000);
    }
    // One channel for every call: the server saw a single client connection.
    expect(new Set(seen.map((s) => s.peer)).size).toBe(1);
  });
});

describe('getCandles', () => {
  it('sends the CandleInterval number and epoch-ms window, and drops incomplete candles', async () => {
    const c = createTinvestClient({ endpoint: address, token: 'tok-1' });
    const from = Date.UTC(2024, 0, 10, 7);
    const candles = await c.getCandles({
      instrumentId: 'u-1',
      interval: '2m',
      from,
      to: from + 3_600_000,
      limit: 5,
    });
    await c.close();
    expect(candles).toEqual([{ time: from, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
    expect(lastCandlesRequest).toMatchObject({ instrumentId: 'u-1', interval: 6, limit: 5 });
    expect(timestampToMs(lastCandlesRequest?.to)).toBe(from + 3_600_000);
  });
});
