/**
 * @module The client's logging port. Callers inject a logger (the CLI writes to stderr with
 * --verbose); the default is silent. Every line passes through the redactor first.
 */
import type { Redactor } from './redact.ts';

/** Structured fields of a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** Where the client writes what it did: one line per call, plus retries, waits and breaker moves. */
export interface ClientLogger {
  debug(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

/** Discards everything. */
export const silentLogger: ClientLogger = { debug() {}, warn() {} };

/** Wraps a logger so no message or string field can carry a secret. */
export function redactingLogger(inner: ClientLogger, redact: Redactor): ClientLogger {
  const clean = (fields?: LogFields): LogFields | undefined => {
    if (!fields) return undefined;
    const out: LogFields = {};
    for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' ? redact(v) : v;
    return out;
  };
  return {
    debug: (m, f) => inner.debug(redact(m), clean(f)),
    warn: (m, f) => inner.warn(redact(m), clean(f)),
  };
}
