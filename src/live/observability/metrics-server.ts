/**
 * @module The live process's operations endpoint (`--metrics-port P`): `/metrics` in Prometheus
 * text format, `/healthz` (200 while the process serves), `/readyz` (200 only when every readiness
 * flag is true, else 503 naming the failing ones). It binds to 127.0.0.1 unless told otherwise,
 * and a non-loopback address is refused without an explicit `allowNonLoopback`, since the
 * endpoint has no authentication and shows positions and equity.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { UsageError } from '../../core/errors.ts';
import { isLoopbackHost } from '../client/endpoint.ts';
import type { Readiness } from './readiness.ts';

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  registry: Registry;
  readiness: Readiness;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Allow binding a non-loopback address (the endpoint has no authentication). */
  allowNonLoopback?: boolean;
}

/** A running metrics server. */
export interface RunningMetricsServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startMetricsServer(o: MetricsServerOptions): Promise<RunningMetricsServer> {
  const host = o.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && o.allowNonLoopback !== true) {
    throw new UsageError(
      `refusing to serve metrics on ${host}: not a loopback address`,
      'bind 127.0.0.1 (the default), or pass --metrics-host with --metrics-allow-remote to expose it',
    );
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65_535) {
    throw new UsageError(`--metrics-port ${o.port} is not a TCP port`, 'use 1-65535, or 0 for any');
  }
  const server = createServer((req, res) => {
    handle(req, res, o).catch((err: unknown) => send(res, 500, 'text/plain', `${String(err)}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, o: MetricsServerOptions) {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'text/plain', 'method not allowed\n');
  }
  if (path === '/metrics') {
    return send(res, 200, o.registry.contentType, await o.registry.metrics());
  }
  if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
  if (path === '/readyz') {
    const s = o.readiness.status();
    const body = `${JSON.stringify({ ...s, checks: o.readiness.flagsNow() })}\n`;
    return send(res, s.ready ? 200 : 503, 'application/json', body);
  }
  return send(res, 404, 'text/plain', 'not found: try /metrics, /healthz or /readyz\n');
}

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
