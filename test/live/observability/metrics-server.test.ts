/**
 * @module The metrics server on a real loopback socket, fetched with Node's fetch: /metrics shows
 * the run's counters and the session's gauges in Prometheus text, /healthz answers 200, /readyz
 * turns 200 only when every registered flag is true and names the failing ones otherwise, and a
 * non-loopback bind is refused unless allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { LiveCounters } from '../../../src/live/observability/counters.ts';
import {
  GAUGES,
  addGauge,
  createMetricsRegistry,
} from '../../../src/live/observability/metrics-registry.ts';
import {
  startMetricsServer,
  type RunningMetricsServer,
} from '../../../src/live/observability/metrics-server.ts';
import { READINESS, Readiness } from '../../../src/live/observability/readiness.ts';

describe('metrics server', () => {
  const counters = new LiveCounters().addClient(() => ({ calls: 7, retries: 1, rateLimited: 0 }));
  const readiness = new Readiness();
  const setStream = readiness.register(READINESS.stream);
  const setBroker = readiness.register(READINESS.broker);
  const setGuards = readiness.register(READINESS.guards);
  let lag = 1250;
  let server: RunningMetricsServer;

  beforeAll(async () => {
    const registry = createMetricsRegistry(counters, readiness);
    addGauge(registry, ...GAUGES.streamLagMs, () => lag);
    addGauge(registry, ...GAUGES.openOrders, () => 3);
    server = await startMetricsServer({ registry, readiness, port: 0 });
  });
  afterAll(() => server.close());

  it('binds to 127.0.0.1 by default and answers /healthz', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('serves the counters and gauges as they are at each scrape', async () => {
    counters.sink({ kind: 'stream-reconnect', time: 1 });
    counters.sink({ kind: 'guard-trip', time: 2, orderId: 'risk-1', guard: 'max-position' });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE tlab_calls_total counter\ntlab_calls_total 7\n');
    expect(text).toContain('\ntlab_retries_total 1\n');
    expect(text).toContain('\ntlab_stream_reconnects_total 1\n');
    expect(text).toContain('\ntlab_guard_trips_total 1\n');
    expect(text).toContain('\ntlab_rejected_orders_total 1\n');
    expect(text).toContain('# TYPE tlab_stream_lag_ms gauge\ntlab_stream_lag_ms 1250\n');
    expect(text).toContain('\ntlab_open_orders 3\n');
    expect(text).toContain('tlab_ready{check="guards-armed"} 0');
    counters.sink({ kind: 'stream-reconnect', time: 3 });
    lag = 40;
    const again = await (await fetch(`${server.url}/metrics`)).text();
    expect(again).toContain('\ntlab_stream_reconnects_total 2\n');
    expect(again).toContain('\ntlab_stream_lag_ms 40\n');
  });

  it('is ready only when every flag is true, naming the failing ones', async () => {
    const ready = async () => {
      const res = await fetch(`${server.url}/readyz`);
      return [res.status, ((await res.json()) as { failing: string[] }).failing] as const;
    };
    expect(await ready()).toEqual([
      503,
      ['stream-subscribed', 'broker-reconciled', 'guards-armed'],
    ]);
    setStream(true);
    setGuards(true);
    expect(await ready()).toEqual([503, ['broker-reconciled']]);
    setBroker(true);
    expect(await ready()).toEqual([200, []]);
    setStream(false);
    expect(await ready()).toEqual([503, ['stream-subscribed']]);
  });

  it('is not ready with no flag registered', () => {
    expect(new Readiness().status()).toEqual({ ready: false, failing: [] });
  });

  it('refuses a non-loopback bind unless explicitly allowed', async () => {
    const registry = createMetricsRegistry(new LiveCounters());
    const attempt = startMetricsServer({ registry, readiness, port: 0, host: '0.0.0.0' });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/refusing to serve metrics on 0\.0\.0\.0/);
    const open = await startMetricsServer({
      registry,
      readiness,
      port: 0,
      host: '0.0.0.0',
      allowNonLoopback: true,
    });
    try {
      expect((await fetch(`http://127.0.0.1:${open.port}/healthz`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
