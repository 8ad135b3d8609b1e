/**
 * @module The Redis a cluster runs on, from `redis://[user:password@]host[:port][/db]` or
 * `rediss://` (TLS, verified against Node's CAs or the one in TLAB_REDIS_CA_FILE). Plain `redis://` is allowed only to a loopback host: anything else carries
 * study data and a password over the network, so it must be `rediss://`. The URL is turned into
 * connection options once and never printed as given: logs and errors use {@link redisLabel},
 * which drops the user name and password.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { RedisOptions } from 'ioredis';
import { UsageError } from '../core/errors.ts';
import { isLoopbackHost } from '../live/client/endpoint.ts';

/** The environment variable a URL may come from instead of argv (keeps a password out of `ps`). */
export const REDIS_URL_ENV = 'TLAB_REDIS_URL';
/** A PEM file of the CA that signed a `rediss://` server's certificate (default: Node's CAs). */
export const REDIS_CA_ENV = 'TLAB_REDIS_CA_FILE';

/** A parsed Redis URL. */
export interface RedisTarget {
  options: RedisOptions;
  /** `redis://host:port/db` without credentials, for logs. */
  label: string;
}

/** The URL from the option, else from {@link REDIS_URL_ENV}. */
export function redisUrlFrom(option: string | undefined, flag: string): string {
  const url = option ?? process.env[REDIS_URL_ENV];
  if (url === undefined || url.trim() === '') {
    throw new UsageError(
      `${flag} needs the Redis URL`,
      `give ${flag} redis://127.0.0.1:6379 or set ${REDIS_URL_ENV} (better when it holds a password)`,
    );
  }
  return url.trim();
}

/** Parses a Redis URL into ioredis options. */
export function parseRedisUrl(text: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(
      'the Redis URL is not a URL',
      'write redis://HOST:PORT or rediss://HOST:PORT',
    );
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new UsageError(
      `the Redis URL has scheme '${u.protocol.replace(/:$/, '')}'`,
      'write redis://HOST:PORT (loopback) or rediss://HOST:PORT (TLS)',
    );
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const tls = u.protocol === 'rediss:';
  if (!tls && !isLoopbackHost(host)) {
    throw new UsageError(
      `plain redis:// to ${host} would send study data and any password unencrypted`,
      'use rediss:// (Redis with TLS) for a host that is not this machine',
    );
  }
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) {
    throw new UsageError(
      `the Redis URL names database '${dbText}'`,
      'give a number, e.g. redis://HOST:6379/0',
    );
  }
  const options: RedisOptions = { host, port, db };
  if (u.username !== '') options.username = decodeURIComponent(u.username);
  if (u.password !== '') options.password = decodeURIComponent(u.password);
  // SNI names a host; for an IP address Node checks the certificate against the IP itself.
  if (tls) options.tls = { ...(isIP(host) === 0 ? { servername: host } : {}), ...caOption() };
  return { options, label: `${u.protocol}//${u.host}/${db}` };
}

function caOption(): { ca?: Buffer } {
  const file = process.env[REDIS_CA_ENV];
  if (file === undefined || file === '') return {};
  try {
    return { ca: readFileSync(file) };
  } catch {
    throw new UsageError(
      `cannot read ${REDIS_CA_ENV} ${file}`,
      'give the PEM file of the CA that signed the Redis server',
    );
  }
}
