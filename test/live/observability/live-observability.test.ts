/**
 * @module The composed observability of a session: events through one sink are counted, logged to
 * the --log-file and served on /metrics; a failing extra sink is logged and isolated; finish
 * closes the server and hands back the counters and their table.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GAUGES } from '../../../src/live/observability/metrics-registry.ts';
import { startLiveObservability } from '../../../src/live/observability/live-observability.ts';

describe('startLiveObservability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tlab-obs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts, logs and serves the same events, and reports them at finish', async () => {
    const logFile = join(dir, 'live.log');
    const obs = await startLiveObservability({
      log: { logFile, secrets: ['sekret-token'] },
      metrics: { port: 0 },
      sinks: [
        () => {
          throw new Error('journal down sekret-token');
        },
      ],
    });
    obs.addClient(() => ({ calls: 3, retries: 0, rateLimited: 1 }));
    obs.addGauge(...GAUGES.openOrders, () => 2);
    obs.sink({ kind: 'stream-connected', time: 0, stream: 0 });
    obs.sink({ kind: 'order-update', time: 1, status: 'filled', orderId: 'o1' });
    const url = obs.server?.url as string;
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('\ntlab_fills_total 1\n');
    expect(metrics).toContain('\ntlab_rate_limit_waits_total 1\n');
    expect(metrics).toContain('\ntlab_open_orders 2\n');
    const { counters, table } = await obs.finish();
    expect(counters).toMatchObject({ calls: 3, fills: 1, rateLimitWaits: 1 });
    expect(table).toContain('fills                 1');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain('sekret-token');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual([
      'stream-connected',
      'a live event sink failed',
      'order-update',
      'a live event sink failed',
      'run counters',
    ]);
    expect(lines[1]).toMatchObject({ level: 'error', err: { message: 'journal down [redacted]' } });
  });
});
