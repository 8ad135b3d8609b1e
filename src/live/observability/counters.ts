/**
 * @module The live run's counters: built from the LiveEvents every adapter emits and from the
 * clients' own call statistics, read as one plain object (the journal stores it with the run, the
 * metrics server exports it) and printed as a table at exit.
 */
import type { LiveEvent, LiveEventSink } from './live-event.ts';

/** What a client's `stats()` gives (the unary calls it made, retried and waited for). */
export interface ClientCallStats {
  calls: number;
  retries: number;
  rateLimited: number;
}

/** The counters of one run, as plain numbers. */
export interface CounterSnapshot {
  /** Unary calls the clients made. */
  calls: number;
  /** Client retries plus `call-retry` and `order-retry` events of the adapters' own loops. */
  retries: number;
  /** `stream-reconnect` events. */
  reconnects: number;
  /** Client rate-limit waits plus `rate-limit-wait` events. */
  rateLimitWaits: number;
  /** Orders refused: `order-update` events with status `rejected` plus guard refusals. */
  rejectedOrders: number;
  /** `guard-trip` events (each refused order, and each daily-loss trip). */
  guardTrips: number;
  /** Executions: `order-update` events with status `filled` or `partially-filled`. */
  fills: number;
  /** `order-sent` events. */
  ordersSent: number;
  /** `stream-dead` events. */
  streamDeaths: number;
  /** `kill` events. */
  kills: number;
  /** Every event kind seen, with its count. */
  events: Record<string, number>;
}

/** Counts events through `sink`; add the clients' stats sources before taking a snapshot. */
export class LiveCounters {
  private readonly kinds = new Map<string, number>();
  private readonly clients: (() => ClientCallStats)[] = [];
  private rejected = 0;
  private fills = 0;

  /** Feed every LiveEvent here (it never throws). */
  readonly sink: LiveEventSink = (e: LiveEvent) => {
    this.kinds.set(e.kind, (this.kinds.get(e.kind) ?? 0) + 1);
    if (e.kind === 'order-update') {
      if (e.status === 'rejected') this.rejected++;
      else if (e.status === 'filled' || e.status === 'partially-filled') this.fills++;
    } else if (e.kind === 'guard-trip' && e.orderId !== undefined) this.rejected++;
  };

  /** Reads a client's statistics at every snapshot (its `stats` method, bound). */
  addClient(stats: () => ClientCallStats): this {
    this.clients.push(stats);
    return this;
  }

  /** Count of one event kind. */
  count(kind: string): number {
    return this.kinds.get(kind) ?? 0;
  }

  snapshot(): CounterSnapshot {
    let calls = 0;
    let retries = 0;
    let waits = 0;
    for (const read of this.clients) {
      const s = read();
      calls += s.calls;
      retries += s.retries;
      waits += s.rateLimited;
    }
    const n = (k: string) => this.count(k);
    return {
      calls,
      retries: retries + n('call-retry') + n('order-retry'),
      reconnects: n('stream-reconnect'),
      rateLimitWaits: waits + n('rate-limit-wait'),
      rejectedOrders: this.rejected,
      guardTrips: n('guard-trip'),
      fills: this.fills,
      ordersSent: n('order-sent'),
      streamDeaths: n('stream-dead'),
      kills: n('kill'),
      events: Object.fromEntries([...this.kinds].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
}

const ROWS: [keyof Omit<CounterSnapshot, 'events'>, string][] = [
  ['calls', 'calls'],
  ['retries', 'retries'],
  ['reconnects', 'reconnects'],
  ['rateLimitWaits', 'rate-limit waits'],
  ['ordersSent', 'orders sent'],
  ['fills', 'fills'],
  ['rejectedOrders', 'rejected orders'],
  ['guardTrips', 'guard trips'],
  ['streamDeaths', 'dead streams'],
  ['kills', 'kill switch'],
];

/** The counters as an aligned two-column text table, for the summary printed at exit. */
export function summaryTable(s: CounterSnapshot): string {
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  const digits = Math.max(5, ...ROWS.map(([k]) => String(s[k]).length));
  const lines = [`${'counter'.padEnd(width)}  ${'count'.padStart(digits)}`];
  for (const [k, label] of ROWS)
    lines.push(`${label.padEnd(width)}  ${String(s[k]).padStart(digits)}`);
  return lines.join('\n');
}
