/**
 * @module Everything a live session observes with, composed once: the pino logger (and the client's
 * logger on it), the counters, the readiness flags, and the metrics server when a port is given.
 * Adapters get `sink` as their `onEvent`; at exit `finish` closes the server, flushes the log and
 * returns the counters (for the journal) with the summary table (for the terminal).
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ClientLogger } from '../client/logger.ts';
import {
  LiveCounters,
  summaryTable,
  type ClientCallStats,
  type CounterSnapshot,
} from './counters.ts';
import { fanOut, type LiveEventSink } from './live-event.ts';
import {
  createLiveLogger,
  eventLogger,
  pinoClientLogger,
  type LiveLoggerOptions,
} from './logger.ts';
import { addGauge, createMetricsRegistry } from './metrics-registry.ts';
import { startMetricsServer, type RunningMetricsServer } from './metrics-server.ts';
import { Readiness } from './readiness.ts';

/** Options of {@link startLiveObservability}. */
export interface LiveObservabilityOptions {
  log?: LiveLoggerOptions;
  /** Serve /metrics, /healthz and /readyz (`--metrics-port`). */
  metrics?: { port: number; host?: string; allowNonLoopback?: boolean };
  /** Further sinks every event goes to (e.g. the journal's). */
  sinks?: readonly (LiveEventSink | undefined)[];
}

/** A session's observability. */
export interface LiveObservability {
  readonly logger: Logger;
  /** Pass as the TinvestClient's `logger`. */
  readonly clientLogger: ClientLogger;
  /** Pass as every adapter's `onEvent`: counts, logs and forwards each event. */
  readonly sink: LiveEventSink;
  readonly counters: LiveCounters;
  readonly readiness: Readiness;
  readonly registry: Registry;
  readonly server?: RunningMetricsServer;
  /** Counts a client's calls, retries and rate-limit waits (its `stats`, bound). */
  addClient(stats: () => ClientCallStats): void;
  /** Adds a gauge read at every scrape. */
  addGauge(name: string, help: string, read: () => number): void;
  /** Closes the server, flushes the log; returns the counters and their table. */
  finish(): Promise<{ counters: CounterSnapshot; table: string }>;
}

/** Builds the logger, counters and readiness, and starts the metrics server when asked. */
export async function startLiveObservability(
  o: LiveObservabilityOptions = {},
): Promise<LiveObservability> {
  const live = createLiveLogger(o.log);
  const counters = new LiveCounters();
  const readiness = new Readiness();
  const registry = createMetricsRegistry(counters, readiness);
  const sink = fanOut([counters.sink, eventLogger(live.logger), ...(o.sinks ?? [])], (err, e) =>
    live.logger.error({ err, event: e.kind }, 'a live event sink failed'),
  );
  const server =
    o.metrics === undefined
      ? undefined
      : await startMetricsServer({ registry, readiness, ...o.metrics });
  return {
    logger: live.logger,
    clientLogger: pinoClientLogger(live.logger),
    sink,
    counters,
    readiness,
    registry,
    server,
    addClient: (stats) => void counters.addClient(stats),
    addGauge: (name, help, read) => addGauge(registry, name, help, read),
    finish: async () => {
      await server?.close();
      const snap = counters.snapshot();
      live.logger.info({ counters: snap }, 'run counters');
      live.flush();
      return { counters: snap, table: summaryTable(snap) };
    },
  };
}
