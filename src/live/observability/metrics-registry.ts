/**
 * @module The Prometheus view of a live run on prom-client: the run's counters (read from
 * LiveCounters at every scrape, so they can never drift from the summary and the journal), gauges
 * the session supplies as functions (stream lag, open orders, equity), and one `tlab_ready` gauge
 * per readiness flag. A private Registry, so two runs in one process never share metrics.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { CounterSnapshot, LiveCounters } from './counters.ts';
import type { Readiness } from './readiness.ts';

const COUNTERS: [Exclude<keyof CounterSnapshot, 'events'>, string, string][] = [
  ['calls', 'tlab_calls_total', 'Unary API calls made'],
  ['retries', 'tlab_retries_total', 'Retried calls and orders'],
  ['reconnects', 'tlab_stream_reconnects_total', 'Stream reconnects'],
  ['rateLimitWaits', 'tlab_rate_limit_waits_total', 'Waits for a rate-limit reset'],
  ['rejectedOrders', 'tlab_rejected_orders_total', 'Orders refused by the venue or a guard'],
  ['guardTrips', 'tlab_guard_trips_total', 'Risk guard trips'],
  ['fills', 'tlab_fills_total', 'Executions (partial fills included)'],
  ['ordersSent', 'tlab_orders_sent_total', 'Orders sent to the venue'],
  ['streamDeaths', 'tlab_stream_deaths_total', 'Streams found dead'],
  ['kills', 'tlab_kills_total', 'Kill switch engagements'],
];

/** Builds the registry; add gauges with {@link addGauge}. */
export function createMetricsRegistry(counters: LiveCounters, readiness?: Readiness): Registry {
  const registry = new Registry();
  for (const [key, name, help] of COUNTERS) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(counters.snapshot()[key]);
      },
    });
  }
  if (readiness !== undefined) {
    new Gauge({
      name: 'tlab_ready',
      help: 'Readiness flags of the session (1 ready, 0 not)',
      labelNames: ['check'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [check, ok] of Object.entries(readiness.flagsNow()))
          this.set({ check }, ok ? 1 : 0);
      },
    });
  }
  return registry;
}

/** Gauges every live session should supply (the names its dashboards and alerts use). */
export const GAUGES = {
  streamLagMs: [
    'tlab_stream_lag_ms',
    'Venue time minus the close time of the last candle received',
  ],
  openOrders: ['tlab_open_orders', 'Orders open at the venue'],
  equity: ['tlab_equity', 'Account equity in the account currency'],
} as const;

/** Adds a gauge read at every scrape, e.g. `tlab_stream_lag_ms` or `tlab_open_orders`. */
export function addGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      const v = read();
      if (Number.isFinite(v)) this.set(v);
      else this.reset();
    },
  });
}
