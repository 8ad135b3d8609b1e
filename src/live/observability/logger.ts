/**
 * @module Structured JSON logs for live runs, on pino: one JSON object per line on stderr or in a
 * `--log-file`. The message and every string in the fields (errors included) pass through the
 * client's redactor (the tokens in use, and anything after `Bearer `) before serialisation, known
 * secret-bearing keys are censored by pino, and the finished line is checked once more for the raw
 * and JSON-escaped tokens, so no message, field or error text can leak a token. The client's call lines (with the
 * venue's `x-tracking-id`) and every LiveEvent become log lines through the adapters below.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { makeRedactor } from '../client/redact.ts';
import type { ClientLogger, LogFields } from '../client/logger.ts';
import type { LiveEvent, LiveEventSink } from './live-event.ts';

/** Options of {@link createLiveLogger}. */
export interface LiveLoggerOptions {
  /** Lowest level written (default `info`). */
  level?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Append JSON lines to this file (made with its directory when missing); default stderr. */
  logFile?: string;
  /** Write here instead (tests, or a caller's own stream); wins over `logFile`. */
  destination?: DestinationStream;
  /** Secrets to keep out of every line: the tokens in use. */
  secrets?: readonly string[];
  /** Fields on every line, e.g. `{ runId, mode }`. */
  base?: Record<string, string | number>;
  /** Write each line before returning (default: true for a file, so a crash loses nothing). */
  sync?: boolean;
}

/** A live run's logger and the handle to flush it at exit. */
export interface LiveLogger {
  readonly logger: Logger;
  /** Writes out anything buffered (call before exit). */
  flush(): void;
}

const SECRET_KEYS = ['token', '*.token', 'authorization', '*.authorization', 'password'];

/** Builds the run's pino logger with the token redacted from every line. */
export function createLiveLogger(o: LiveLoggerOptions = {}): LiveLogger {
  const secrets = (o.secrets ?? []).filter((s) => s.length >= 4);
  const redact = makeRedactor(secrets);
  // Last line of defence on the serialised line: a secret inside a JSON string is written escaped.
  const spelled = [...secrets, ...secrets.map((s) => JSON.stringify(s).slice(1, -1))];
  const scrubLine = (line: string) => {
    for (const s of spelled) line = line.split(s).join('[redacted]');
    return line;
  };
  const file =
    o.destination === undefined && o.logFile !== undefined
      ? pino.destination({ dest: o.logFile, mkdir: true, append: true, sync: o.sync ?? true })
      : undefined;
  const dest = o.destination ?? file ?? pino.destination({ fd: 2, sync: o.sync ?? false });
  const logger = pino(
    {
      level: o.level ?? 'info',
      base: o.base ?? null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => deepRedact(obj, redact, 0) as Record<string, unknown>,
      },
      redact: { paths: SECRET_KEYS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? redact(a) : a));
          method.apply(this, clean as Parameters<typeof method>);
        },
        streamWrite: scrubLine,
      },
    },
    dest,
  );
  return {
    logger,
    flush: () => {
      const d = (file ?? dest) as { flushSync?: () => void };
      try {
        d.flushSync?.();
      } catch {
        // flushSync throws on a stream not yet open; nothing was buffered then.
      }
    },
  };
}

/** Strings redacted at any depth; an Error becomes `{ type, message, stack }` (redacted). */
function deepRedact(v: unknown, redact: (s: string) => string, depth: number): unknown {
  if (typeof v === 'string') return redact(v);
  if (v === null || typeof v !== 'object' || depth > 8) return v;
  if (v instanceof Error) {
    const out: Record<string, unknown> = { type: v.name, message: redact(v.message) };
    if (v.stack !== undefined) out.stack = redact(v.stack);
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => deepRedact(x, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = deepRedact(x, redact, depth + 1);
  return out;
}

/**
 * The client's logging port on pino. Its per-call lines (debug in the client) are written at
 * `info` so every call is in the log at the default level; warnings stay warnings. Fields such as
 * `trackingId`, `method`, `status` and `ms` are kept as JSON fields.
 */
export function pinoClientLogger(logger: Logger): ClientLogger {
  const child = logger.child({ src: 'client' });
  const clean = (f?: LogFields) => {
    const out: Record<string, string | number | boolean> = {};
    if (f) for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
    return out;
  };
  return {
    debug: (message, fields) => child.info(clean(fields), message),
    warn: (message, fields) => child.warn(clean(fields), message),
  };
}

/** Kinds that mean something went wrong or a guard acted: written at `warn`. */
const WARN_KINDS = new Set([
  'stream-dead',
  'stream-reconnect',
  'subscription-rejected',
  'rate-limit-wait',
  'call-retry',
  'order-retry',
  'orders-stream-down',
  'reconcile-diff',
  'guard-trip',
  'kill',
]);

/**
 * A LiveEvent sink that logs each event as one line: `event` is its kind, `at` its time (ISO, on
 * the run's clock; pino's own `time` is the wall time of writing), the other fields as they are.
 */
export function eventLogger(logger: Logger): LiveEventSink {
  const child = logger.child({ src: 'live' });
  return (e: LiveEvent) => {
    const { kind, time, ...fields } = e;
    const line = { ...fields, event: kind, at: new Date(time).toISOString() };
    if (WARN_KINDS.has(kind) || (kind === 'order-update' && fields.status === 'rejected')) {
      child.warn(line, kind);
    } else child.info(line, kind);
  };
}
