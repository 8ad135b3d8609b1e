/**
 * Auth, rate limits, tracking ids, injected faults and the health service of the emulator, through
 * real grpc-js clients.
 */
import { credentials, loadPackageDefinition, status, type Client } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  GetCandlesRequest,
  GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { CandleInterval } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import type { SharesResponse } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { auth, call, harness, SBER, ts, type Harness } from './helpers.ts';

const MON = Date.UTC(2024, 8, 23);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const req: GetCandlesRequest = {
  instrumentId: SBER.uid,
  interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
  from: ts(MON + 7 * 3_600_000),
  to: ts(MON + 8 * 3_600_000),
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const candles = (md = auth()) =>
  call<GetCandlesRequest, GetCandlesResponse>(h!.md, 'getCandles', req, md);

describe('auth and response metadata', () => {
  it('answers UNAUTHENTICATED 40003 with a message for missing or wrong tokens', async () => {
    h = await harness();
    for (const md of [auth('wrong'), auth(null)]) {
      const { err } = await candles(md);
      expect(err?.code).toBe(status.UNAUTHENTICATED);
      expect(err?.details).toBe('40003');
      expect(String(err?.metadata.get('message')[0])).toMatch(/token/i);
      expect(String(err?.metadata.get('x-tracking-id')[0])).toMatch(UUID);
    }
  });

  it('accepts any non-empty token when none is configured', async () => {
    h = await harness({ tokens: [] });
    expect((await candles(auth('whatever'))).res?.candles.length).toBeGreaterThan(0);
    expect((await candles(auth(null))).err?.details).toBe('40003');
  });

  it('puts a fresh x-tracking-id and the x-ratelimit-* headers on every response', async () => {
    h = await harness();
    const a = await candles();
    const b = await call<object, SharesResponse>(h.inst, 'shares', {});
    expect(a.headers['x-tracking-id']).toMatch(UUID);
    expect(b.headers['x-tracking-id']).toMatch(UUID);
    expect(a.headers['x-tracking-id']).not.toBe(b.headers['x-tracking-id']);
    expect(a.headers['x-ratelimit-limit']).toBe('600, 600;w=60');
    expect(a.headers['x-ratelimit-remaining']).toBe('599');
    expect(Number(a.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    expect(b.headers['x-ratelimit-limit']).toBe('200, 200;w=60');
  });
});

describe('rate limits', () => {
  it('refuses call N+1 with RESOURCE_EXHAUSTED 80002 and lets calls through after the window', async () => {
    h = await harness({ limits: { windowMs: 1000, perService: { MarketDataService: 3 } } });
    // Connect first (another service's budget), so the four calls below share one window.
    expect((await call(h.inst, 'shares', {})).err).toBeUndefined();
    for (let i = 0; i < 3; i++) expect((await candles()).err).toBeUndefined();
    const over = await candles();
    expect(over.err?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(over.err?.details).toBe('80002');
    expect(over.err?.metadata.get('x-ratelimit-reset')[0]).toBe('1');
    expect(over.err?.metadata.get('x-ratelimit-remaining')[0]).toBe('0');
    expect(over.headers['x-ratelimit-reset']).toBe('1');
    // Limits are per service: InstrumentsService still answers.
    expect((await call(h.inst, 'shares', {})).err).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1100));
    const again = await candles();
    expect(again.err).toBeUndefined();
    expect(again.headers['x-ratelimit-remaining']).toBe('2');
    expect(h.emu.stats.rateLimited).toBe(1);
  });

  it('counts each token separately', async () => {
    h = await harness({
      tokens: ['a', 'b'],
      limits: { windowMs: 60_000, perService: { MarketDataService: 1 } },
    });
    expect((await candles(auth('a'))).err).toBeUndefined();
    expect((await candles(auth('a'))).err?.details).toBe('80002');
    expect((await candles(auth('b'))).err).toBeUndefined();
  });
});

describe('fault injection', () => {
  it('fails the chosen calls with UNAVAILABLE or RESOURCE_EXHAUSTED, changeable at run time', async () => {
    h = await harness({ faults: { unavailableOnCalls: [2] } });
    expect((await candles()).err).toBeUndefined();
    expect((await candles()).err?.code).toBe(status.UNAVAILABLE);
    expect((await candles()).err).toBeUndefined();
    h.emu.faults.resourceExhaustedOnCalls = [5];
    expect((await candles()).err).toBeUndefined();
    const limited = await candles();
    expect(limited.err?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(limited.err?.details).toBe('80002');
    expect(limited.err?.metadata.get('x-ratelimit-reset')[0]).toBe('1');
    expect(h.emu.stats.unaryCalls).toBe(5);
    expect(h.emu.stats.callsByMethod['MarketDataService/GetCandles']).toBe(5);
  });

  it('adds the configured latency to every call', async () => {
    h = await harness();
    h.emu.faults.latencyMs = 150;
    const t0 = performance.now();
    expect((await candles()).err).toBeUndefined();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('health', () => {
  it('reports SERVING for the server and its services', async () => {
    h = await harness();
    const def = loadSync(protoPath, {
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
    });
    const pkg = loadPackageDefinition(def) as unknown as {
      grpc: {
        health: {
          v1: {
            Health: new (a: string, c: ReturnType<typeof credentials.createInsecure>) => Client;
          };
        };
      };
    };
    const client = new pkg.grpc.health.v1.Health(h.emu.grpcAddress, credentials.createInsecure());
    try {
      for (const service of ['', 'tinkoff.public.invest.api.contract.v1.MarketDataService']) {
        const res = await new Promise<{ status: string }>((resolve, reject) =>
          (
            client as unknown as {
              check: (r: object, cb: (e: Error | null, r: { status: string }) => void) => void;
            }
          ).check({ service }, (e, r) => (e ? reject(e) : resolve(r))),
        );
        expect(res.status).toBe('SERVING');
      }
    } finally {
      client.close();
    }
  });
});
