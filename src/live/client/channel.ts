/**
 * @module The one gRPC channel a client uses for every service: TLS for real hosts (optionally
 * trusting an extra CA file on top of the system store), plaintext only for loopback, keepalive,
 * and a receive limit large enough for the full instrument lists.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Channel, credentials, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { UsageError } from '../../core/errors.ts';
import { transportFor, type Endpoint } from './endpoint.ts';

/** Channel settings. */
export interface ChannelSettings {
  /** PEM file with extra CA certificates, added to the system trust store (TLS only). */
  caFile?: string;
  /** Largest message the client accepts (default 32 MiB; Shares alone exceeds 4 MiB). */
  maxReceiveBytes?: number;
  /** Keepalive ping period in ms while calls are open (default 60 000). */
  keepaliveMs?: number;
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

/** grpc-js channel options for the API. */
export function channelOptions(settings: ChannelSettings = {}): ChannelOptions {
  return {
    'grpc.max_receive_message_length': settings.maxReceiveBytes ?? 32 * 1024 * 1024,
    'grpc.keepalive_time_ms': settings.keepaliveMs ?? 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    'grpc.keepalive_permit_without_calls': 0,
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
  const creds = channelCredentials(endpoint, settings.caFile, settings.forceTls);
  return {
    channel: new Channel(endpoint.target, creds, channelOptions(settings)),
    credentials: creds,
  };
}
