/**
 * @module Where the client connects and whether it may do so without TLS. Plaintext is allowed only
 * for loopback hosts (the local emulator); every other host gets TLS, whatever the caller asks.
 */
import { isIP } from 'node:net';
import { UsageError } from '../../core/errors.ts';

/** Production gRPC endpoint. */
export const PRODUCTION_ENDPOINT = 'invest-public-api.tinkoff.ru:443';
/** Sandbox gRPC endpoint. */
export const SANDBOX_ENDPOINT = 'sandbox-invest-public-api.tinkoff.ru:443';
/** Production yearly 1-minute history archive. */
export const PRODUCTION_ARCHIVE_URL = 'https://invest-public-api.tinkoff.ru/history-data';

/** A parsed `host:port`. */
export interface Endpoint {
  host: string;
  port: number;
  /** `host:port` as grpc-js expects it (IPv6 in brackets). */
  target: string;
}

/** True for localhost, any 127.0.0.0/8 address and ::1 (also in IPv4-mapped form). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && mapped[1].startsWith('127.');
  }
  return false;
}

/** Parses `host:port` (`[::1]:8080` for IPv6); the port is required. */
export function parseEndpoint(text: string): Endpoint {
  const s = text.trim();
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s/[\]]+):(\d{1,5})$/.exec(s);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) {
    throw new UsageError(
      `'${text}' is not a gRPC endpoint`,
      'give HOST:PORT, e.g. invest-public-api.tinkoff.ru:443 or 127.0.0.1:50051',
    );
  }
  const host = m[1].replace(/^\[|\]$/g, '');
  return { host, port, target: isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}` };
}

/** Transport security for an endpoint: TLS everywhere except loopback, where plaintext is used. */
export function transportFor(endpoint: Endpoint): 'tls' | 'plaintext' {
  return isLoopbackHost(endpoint.host) ? 'plaintext' : 'tls';
}

/**
 * Checks an archive URL: https for any host, http only for loopback hosts (the emulator).
 * Throws a UsageError otherwise, so a token is never sent in clear over a network.
 */
export function checkArchiveUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `'${text}' is not a URL`,
      'give the archive address, e.g. ' + PRODUCTION_ARCHIVE_URL,
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new UsageError(
    `refusing ${url.protocol}//${url.host}: only https is allowed for non-loopback hosts`,
    'use an https:// archive URL (http:// is accepted only for localhost / 127.0.0.1 / ::1)',
  );
}
