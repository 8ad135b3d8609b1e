/**
 * @module The one gRPC channel a client uses for every service: TLS for real hosts (optionally
 * trusting an extra CA file on top of the system store), plaintext only for loopback, keepalive
 * pings that notice a silently dead connection within `deadConnectionBoundMs`, and a receive limit
 * large enough for the full instrument lists.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Channel, credentials, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { UsageError } from '../../core/errors.ts';
import { isLoopbackHost, transportFor, type Endpoint } from './endpoint.ts';

/** Channel settings. */
export interface ChannelSettings {
  /** PEM file with extra CA certificates, added to the system trust store (TLS only). */
  caFile?: string;
  /** Largest message the client accepts (default 32 MiB; Shares alone exceeds 4 MiB). */
  maxReceiveBytes?: number;
  /**
   * HTTP/2 keepalive ping period in ms (default 15 000), sent with or without open calls. Real
   * hosts refuse pings more often than every 10 s (KEEPALIVE_MIN_MS); only loopback may go lower.
   */
  keepaliveMs?: number;
  /** How long a keepalive ping may go unanswered before the connection is dropped (default 5 000). */
  keepaliveTimeoutMs?: number;
  /** User agent prefix. */
  userAgent?: string;
  /**
   * Use TLS even for a loopback endpoint (a local TLS-terminating proxy, or tests that exercise
   * TLS without leaving the machine). Non-loopback endpoints always use TLS regardless.
   */
  forceTls?: boolean;
}

/** TLS or plaintext credentials as `transportFor` decides. */
export function channelCredentials(
  endpoint: Endpoint,
  caFile?: string,
  forceTls = false,
): ChannelCredentials {
  if (!forceTls && transportFor(endpoint) === 'plaintext') return credentials.createInsecure();
  if (isIP(endpoint.host) !== 0) silenceIpServernameWarning();
  if (!caFile) return credentials.createSsl();
  let extra: string;
  try {
    extra = readFileSync(caFile, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the CA file ${caFile}: ${(err as Error).message}`,
      'point --ca-file / TINVEST_CA_FILE at a readable PEM file',
    );
  }
  if (!extra.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UsageError(
      `${caFile} holds no PEM certificate`,
      'give a PEM file with -----BEGIN CERTIFICATE----- blocks',
    );
  }
  return credentials.createSsl(Buffer.from(`${rootCertificates.join('\n')}\n${extra}`));
}

let ipServernameSilenced = false;

/**
 * grpc-js passes the target host as the TLS ServerName even when it is an IP address, and Node
 * answers with DEP0123 on stderr. Node already sends no SNI for an IP (the certificate is still
 * checked against the IP), so the warning tells the user nothing they can act on; only that one
 * warning code is dropped, every other warning still prints.
 */
function silenceIpServernameWarning(): void {
  if (ipServernameSilenced) return;
  ipServernameSilenced = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const opts = rest[0] as { code?: unknown } | undefined;
    if (rest[1] === 'DEP0123' || (typeof opts === 'object' && opts?.code === 'DEP0123')) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** Keepalive defaults: a ping every 15 s, answered within 5 s. */
export const DEFAULT_KEEPALIVE_MS = 15_000;
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 5_000;
/** The API's minimum client ping interval (T-Invest FAQ: keepalive no more often than 10 s). */
export const KEEPALIVE_MIN_MS = 10_000;

/**
 * The longest a silently dead connection (no byte comes back, no FIN or RST) goes unnoticed: the
 * next ping leaves at most one period after the last answered one, and the connection is dropped
 * when it stays unanswered for the timeout; every open call and stream then fails UNAVAILABLE.
 * With the defaults: 20 s.
 */
export function deadConnectionBoundMs(settings: ChannelSettings = {}): number {
  const time = settings.keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
  return time + (settings.keepaliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS);
}

/** grpc-js channel options for the API. */
export function channelOptions(settings: ChannelSettings = {}): ChannelOptions {
  return {
    'grpc.max_receive_message_length': settings.maxReceiveBytes ?? 32 * 1024 * 1024,
    'grpc.keepalive_time_ms': settings.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
    'grpc.keepalive_timeout_ms': settings.keepaliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS,
    // Pings also while no call is open, so a dead connection is found before an order needs it.
    'grpc.keepalive_permit_without_calls': 1,
    // The client retries with its own policies; grpc-js transparent retries would double them.
    'grpc.enable_retries': 0,
    'grpc.primary_user_agent': settings.userAgent ?? 'tinvest-lab',
  };
}

/** Opens the shared channel. */
export function openChannel(
  endpoint: Endpoint,
  settings: ChannelSettings = {},
): {
  channel: Channel;
  credentials: ChannelCredentials;
} {
  const ka = settings.keepaliveMs;
  if (ka !== undefined && ka < KEEPALIVE_MIN_MS && !isLoopbackHost(endpoint.host)) {
    throw new UsageError(
      `keepalive every ${ka} ms is below the API's ${KEEPALIVE_MIN_MS} ms minimum ping interval`,
      `use a keepalive of at least ${KEEPALIVE_MIN_MS} ms (the server answers faster pings with GOAWAY too_many_pings)`,
    );
  }
  const creds = channelCredentials(endpoint, settings.caFile, settings.forceTls);
  return {
    channel: new Channel(endpoint.target, creds, channelOptions(settings)),
    credentials: creds,
  };
}
