/**
 * @module The emulator's HTTP side (node:http): `GET /history-data` serves the yearly 1-minute
 * archive with the real API's auth, limits and status codes (401, 404, 429 with x-ratelimit-reset,
 * 400 on a bad year), and `GET /healthz` answers readiness probes without a token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiErrors, type ApiError } from '../api-error.ts';
import { delay, type EmulatorContext } from '../context.ts';
import { bearerToken } from '../policy/auth.ts';
import { rateLimitHeaders } from '../policy/rate-limiter.ts';
import { newTrackingId, TRACKING_HEADER, VENUE_HEADER } from '../policy/tracking.ts';
import { buildYearArchive } from './archive.ts';

const CACHED_ARCHIVES = 8;

/** A listening archive server. */
export interface HttpSide {
  server: Server;
  url: string;
  close(): Promise<void>;
}

type Headers = Record<string, string>;

function send(res: ServerResponse, code: number, headers: Headers, body: string | Uint8Array) {
  const type = typeof body === 'string' ? 'application/json' : 'application/zip';
  res.writeHead(code, { ...headers, 'content-type': type, 'content-length': body.length });
  res.end(body);
}

function sendError(res: ServerResponse, code: number, headers: Headers, err: ApiError) {
  const body = JSON.stringify({ code: err.code, message: err.message });
  send(res, code, { ...headers, message: err.message }, body);
}

/** Builds the request handler over the shared emulator state. */
function handler(ctx: EmulatorContext) {
  const cache = new Map<string, Uint8Array | null>();
  const archive = (uid: string, year: number): Uint8Array | null => {
    const now = ctx.now();
    const key = `${uid}:${year}:${Math.floor(now / 86_400_000)}`;
    if (!cache.has(key)) {
      if (cache.size >= CACHED_ARCHIVES) cache.delete(cache.keys().next().value as string);
      cache.set(key, buildYearArchive(ctx.query, uid, year, now));
    }
    return cache.get(key) ?? null;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/healthz') return send(res, 200, {}, '{"status":"SERVING"}');
    if (url.pathname !== '/history-data') return send(res, 404, {}, '{"message":"no such path"}');
    if (req.method !== 'GET') return send(res, 405, { allow: 'GET' }, '{"message":"use GET"}');
    ctx.stats.archiveRequests++;
    await delay(ctx.faults.latencyMs);
    const headers: Headers = { [TRACKING_HEADER]: newTrackingId() };
    if (ctx.venue) headers[VENUE_HEADER] = ctx.venue;
    const token = bearerToken(req.headers.authorization);
    if (!ctx.tokens.accepts(token))
      return sendError(res, 401, headers, apiErrors.unauthenticated());
    const decision = ctx.limiter.take('archive', token);
    Object.assign(headers, rateLimitHeaders(decision));
    if (!decision.allowed) {
      ctx.stats.rateLimited++;
      return sendError(res, 429, headers, apiErrors.rateLimited());
    }
    const q = url.searchParams;
    const id = q.get('instrumentId') ?? q.get('instrument_id') ?? q.get('figi');
    if (!id) return sendError(res, 400, headers, apiErrors.missingInstrument());
    const yearText = q.get('year') ?? '';
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1970) {
      return sendError(res, 400, headers, apiErrors.badYear());
    }
    const instrument = ctx.directory.resolve(id);
    if (!instrument) return sendError(res, 404, headers, apiErrors.instrumentNotFound());
    const zip = archive(instrument.uid, year);
    if (!zip) return sendError(res, 404, headers, apiErrors.noArchive());
    send(res, 200, headers, zip);
  };
}

/** Starts the archive server on `host:port` (0 = ephemeral). */
export async function startHttpSide(
  ctx: EmulatorContext,
  host: string,
  port: number,
): Promise<HttpSide> {
  const handle = handler(ctx);
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, {}, JSON.stringify({ message: String(err) }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
