/**
 * @module Why a connection failed, in words: grpc-js reports every transport failure as UNAVAILABLE
 * or DEADLINE_EXCEEDED and buries the operating system's reason (ECONNREFUSED, a DNS miss, a TLS
 * verification error) in the status details. This module reads that text and names the cause, so
 * the one error line a user sees says what went wrong and what to do, not just "UNAVAILABLE".
 */
import { status } from '@grpc/grpc-js';
import { TinkoffApiError } from './api-error.ts';

/** The causes told apart. */
export type ConnectionCauseKind =
  | 'refused'
  | 'dns'
  | 'tls-name'
  | 'tls-ca'
  | 'tls-expired'
  | 'tls-other'
  | 'timeout'
  | 'unreachable'
  | 'reset';

/** A named cause: what failed (for the message) and the fix (for the hint). */
export interface ConnectionCause {
  kind: ConnectionCauseKind;
  /** e.g. `connection refused by 127.0.0.1:1 (ECONNREFUSED)`. */
  what: string;
  hint: string;
}

const CHECK_ENDPOINT = 'check --endpoint / TINVEST_ENDPOINT';
const ADD_CA = 'add the CA that signed it with --ca-file / TINVEST_CA_FILE';

interface Rule {
  test: RegExp;
  kind: ConnectionCauseKind;
  what: (target: string, m: RegExpExecArray) => string;
  hint: string;
}

// Order matters: a TLS name error also mentions the certificate, a refused connect the address.
const RULES: Rule[] = [
  {
    test: /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i,
    kind: 'tls-name',
    what: (t) => `TLS certificate of ${t} is not issued for that name (name mismatch)`,
    hint: `connect by a name the certificate lists (its subjectAltName), or ${CHECK_ENDPOINT}`,
  },
  {
    test: /certificate has expired|CERT_HAS_EXPIRED|certificate is not yet valid/i,
    kind: 'tls-expired',
    what: (t) => `TLS certificate of ${t} has expired or is not valid yet`,
    hint: "check the machine's clock; otherwise the server must renew its certificate",
  },
  {
    test: /self[- ]signed certificate|unable to (verify|get local issuer)|UNABLE_TO_VERIFY|unknown ca|SELF_SIGNED/i,
    kind: 'tls-ca',
    what: (t) => `TLS certificate of ${t} is signed by an unknown CA`,
    hint: `the system trust store does not vouch for it: ${ADD_CA}`,
  },
  {
    test: /ECONNREFUSED/,
    kind: 'refused',
    what: (t) => `connection refused by ${t} (ECONNREFUSED)`,
    hint: `nothing listens there: start the server, or ${CHECK_ENDPOINT}`,
  },
  {
    test: /ENOTFOUND|EAI_AGAIN|Name resolution failed|getaddrinfo/i,
    kind: 'dns',
    what: (t) => `DNS name not found: ${hostOf(t)} does not resolve`,
    hint: `check the host name in --endpoint / TINVEST_ENDPOINT and the network's DNS`,
  },
  {
    test: /EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/,
    kind: 'unreachable',
    what: (t, m) => `${t} is unreachable (${m[0]})`,
    hint: `check the network route to the host, or ${CHECK_ENDPOINT}`,
  },
  {
    test: /ECONNRESET|socket hang up|ERR_SSL|wrong version number|handshake/i,
    kind: 'tls-other',
    what: (t) => `${t} dropped the connection during the handshake (is it a TLS gRPC server?)`,
    hint: `check that the endpoint speaks gRPC over TLS, or ${CHECK_ENDPOINT}`,
  },
  {
    test: /ETIMEDOUT|Waiting for LB pick/i,
    kind: 'timeout',
    what: (t) => `timed out connecting to ${t}: no gRPC connection was established in time`,
    hint: `the host does not answer, or accepts and never speaks gRPC: ${CHECK_ENDPOINT}`,
  },
];

function hostOf(target: string): string {
  const m = /^\[?([^\]]+?)\]?:\d+$/.exec(target);
  return m ? m[1] : target;
}

/** The cause a transport failure's text names, or undefined when it names none we know. */
export function connectionCause(
  code: number,
  details: string,
  target: string,
): ConnectionCause | undefined {
  if (code !== status.UNAVAILABLE && code !== status.DEADLINE_EXCEEDED) return undefined;
  for (const rule of RULES) {
    const m = rule.test.exec(details);
    if (m) return { kind: rule.kind, what: rule.what(target, m), hint: rule.hint };
  }
  if (code === status.DEADLINE_EXCEEDED) {
    const secs = /after ([\d.]+)s/.exec(details)?.[1];
    return {
      kind: 'timeout',
      what: `timed out: ${target} accepted the call but sent no answer${secs ? ` in ${secs} s` : ''}`,
      hint: 'the server is overloaded or stuck: retry later',
    };
  }
  return undefined;
}

/** A TinkoffApiError whose message and hint name the connection cause, when one is known. */
export function explainConnectionFailure(e: TinkoffApiError, target: string): TinkoffApiError {
  const cause = connectionCause(e.grpcCode, e.apiMessage ?? e.message, target);
  if (!cause) return e;
  const tracking = e.trackingId ? ` (tracking id ${e.trackingId})` : '';
  const explained = new TinkoffApiError(
    `${e.method} failed: ${cause.what} [${e.grpcName}]${tracking}`,
    cause.hint,
    e,
  );
  causes.set(explained, cause);
  return explained;
}

const causes = new WeakMap<TinkoffApiError, ConnectionCause>();

/** The connection cause attached by {@link explainConnectionFailure}, if any. */
export function causeOf(e: TinkoffApiError): ConnectionCause | undefined {
  return causes.get(e);
}
