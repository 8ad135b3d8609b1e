/**
 * @module gRPC keepalive notices a silently dead connection: the client talks to the emulator
 * through a TCP proxy on loopback that, once frozen, forwards nothing in either direction and
 * closes nothing (a pulled cable, a dead NAT entry). An open market-data stream then fails
 * UNAVAILABLE within deadConnectionBoundMs (plus scheduling slack on this shared machine); with
 * keepalive off, the same stream is still hanging long after that bound.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import {
  DEFAULT_KEEPALIVE_MS,
  DEFAULT_KEEPALIVE_TIMEOUT_MS,
  channelOptions,
  deadConnectionBoundMs,
  openChannel,
} from '../../../src/live/client/channel.ts';
import { parseEndpoint } from '../../../src/live/client/endpoint.ts';
import {
  MarketDataRequest,
  MarketDataStreamServiceClient,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { clientFor, emulator, recordingLogger } from '../../client/helpers.ts';

/** A loopback TCP proxy that can stop forwarding while keeping every socket open. */
async function blackHoleProxy(target: string) {
  const { host, port } = parseEndpoint(target);
  let frozen = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((down) => {
    const up = connect(port, host);
    sockets.push(down, up);
    down.on('data', (d) => frozen || up.write(d));
    up.on('data', (d) => frozen || down.write(d));
    const drop = () => {
      down.destroy();
      up.destroy();
    };
    down.on('error', drop).on('close', drop);
    up.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return {
    address: `127.0.0.1:${address.port}`,
    freeze: () => (frozen = true),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Opens a market-data stream through the proxy, waits for the ping echo, freezes, and watches. */
async function freezeAndWatch(
  emu: RunningEmulator,
  keepaliveMs: number,
  timeoutMs: number,
  waitMs: number,
) {
  const proxy = await blackHoleProxy(emu.grpcAddress);
  const client = clientFor(emu, recordingLogger(), {
    endpoint: proxy.address,
    channel: { keepaliveMs, keepaliveTimeoutMs: timeoutMs },
  });
  const call = client.raw.stub(MarketDataStreamServiceClient).marketDataStream();
  try {
    const first = new Promise<void>((resolve) => call.once('data', () => resolve()));
    call.write(
      MarketDataRequest.fromPartial({ ping: { time: { seconds: 1_700_000_000, nanos: 0 } } }),
    );
    await first;
    proxy.freeze();
    const frozenAt = performance.now();
    const failed = await new Promise<{ error: ServiceError; ms: number } | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), waitMs);
      call.on('error', (error: ServiceError) => {
        clearTimeout(timer);
        resolve({ error, ms: performance.now() - frozenAt });
      });
    });
    return failed;
  } finally {
    call.cancel();
    await client.close();
    await proxy.close();
  }
}

describe('gRPC keepalive', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.stop());

  it('states a 20 s bound for the defaults, and pings even with no call open', () => {
    expect([DEFAULT_KEEPALIVE_MS, DEFAULT_KEEPALIVE_TIMEOUT_MS]).toEqual([15_000, 5_000]);
    expect(deadConnectionBoundMs()).toBe(20_000);
    expect(channelOptions()).toMatchObject({
      'grpc.keepalive_time_ms': 15_000,
      'grpc.keepalive_timeout_ms': 5_000,
      'grpc.keepalive_permit_without_calls': 1,
    });
  });

  it('refuses a keepalive below the API minimum ping interval for a real host', () => {
    const prod = parseEndpoint('invest-public-api.tinkoff.ru:443');
    expect(() => openChannel(prod, { keepaliveMs: 5_000 })).toThrow(
      /keepalive every 5000 ms is below the API's 10000 ms minimum ping interval/,
    );
  });

  it('fails an open stream UNAVAILABLE within the bound once the connection goes silent', async () => {
    const settings = { keepaliveMs: 400, keepaliveTimeoutMs: 300 };
    const bound = deadConnectionBoundMs(settings);
    expect(bound).toBe(700);
    const slack = 1500;
    const failed = await freezeAndWatch(
      emu,
      settings.keepaliveMs,
      settings.keepaliveTimeoutMs,
      10_000,
    );
    expect(failed, 'the stream never failed').toBeDefined();
    expect(failed?.error.code).toBe(status.UNAVAILABLE);
    expect(failed?.ms).toBeLessThan(bound + slack);
  });

  it('without keepalive the same silent connection hangs well past that bound', async () => {
    const failed = await freezeAndWatch(emu, -1, 300, 3_000);
    expect(failed).toBeUndefined();
  });
});
