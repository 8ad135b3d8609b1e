/**
 * @module The live page's view of a run's live events (the `live_events` table: stream
 * connections, deaths and reconnects, backfills, rate-limit waits, call retries, guard trips, the
 * kill switch, order traffic): the newest ones for the event list, counts per kind, the stream's
 * state, the guards' state and the rate-limit waits. A journal from before live events has none,
 * and the page says so.
 */
import type { JournalReader } from '../../data/journal/journal-reader.ts';
import { readLiveEvents, type StoredLiveEvent } from '../../data/journal/live-events.ts';
import { readRunGuards } from '../../data/journal/run-guards.ts';

/** One live event as the page lists it. */
export interface LiveEventView {
  seq: number;
  time: number;
  kind: string;
  /** The event's own fields, as one line. */
  detail: string;
}

/** Stream, guard and rate-limit state folded from the events. */
export interface LiveStatus {
  /** Whether this journal records live events at all. */
  recorded: boolean;
  counts: Record<string, number>;
  /** `connected`, `dead`, `reconnecting` or `unknown` (no stream event yet). */
  stream: string;
  lastStreamEvent?: LiveEventView;
  /** The guard limits the run records (largest order value, position, daily loss...). */
  limits?: Record<string, unknown>;
  /** Guard trips and the kill switch, oldest first (each guard's latest trip). */
  guards: { guard: string; time: number; reason: string }[];
  killed?: { time: number; reason: string };
}

/** New events since the last read, and the status after them. */
export interface LiveExtrasChange {
  events: LiveEventView[];
  status: LiveStatus;
  /** More events than one read takes: read again. */
  more?: boolean;
}

const PAGE = 2000;
const KEEP = 200;
/** Kinds too frequent to list one by one (they are counted); orders show in their own tables. */
const UNLISTED = new Set(['order-update', 'order-sent']);

function detailOf(e: StoredLiveEvent['event']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(e)) {
    if (k === 'kind' || k === 'time') continue;
    parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

/** Folds one run's live events. */
export class LiveExtras {
  private seq = -1;
  private events: LiveEventView[] = [];
  private readonly status: LiveStatus = {
    recorded: false,
    counts: {},
    stream: 'unknown',
    guards: [],
  };

  constructor(private readonly runId: string) {}

  private fold(s: StoredLiveEvent): LiveEventView {
    const e = s.event;
    const view = { seq: s.seq, time: s.time, kind: s.kind, detail: detailOf(e) };
    const st = this.status;
    st.counts[s.kind] = (st.counts[s.kind] ?? 0) + 1;
    if (s.kind === 'stream-connected') st.stream = 'connected';
    else if (s.kind === 'stream-dead' || s.kind === 'orders-stream-down') st.stream = 'dead';
    else if (s.kind === 'stream-reconnect') st.stream = 'reconnecting';
    if (s.kind.startsWith('stream-')) st.lastStreamEvent = view;
    if (s.kind === 'guard-trip') {
      const guard = String(e.guard ?? 'guard');
      st.guards = [
        ...st.guards.filter((g) => g.guard !== guard),
        { guard, time: s.time, reason: String(e.reason ?? '') },
      ];
    }
    if (s.kind === 'kill') st.killed = { time: s.time, reason: String(e.reason ?? '') };
    return view;
  }

  /** Reads the events after the last one read (call inside the reader's snapshot). */
  read(j: JournalReader): LiveExtrasChange {
    if (!j.hasTable('live_events')) return { events: [], status: this.status };
    this.status.limits ??= readRunGuards(j, this.runId);
    this.status.recorded = true;
    const rows = readLiveEvents(j, this.runId, this.seq, { limit: PAGE });
    const fresh: LiveEventView[] = [];
    for (const r of rows) {
      this.seq = r.seq;
      const v = this.fold(r);
      if (!UNLISTED.has(r.kind)) fresh.push(v);
    }
    this.events.push(...fresh);
    if (this.events.length > KEEP) this.events = this.events.slice(-KEEP);
    return { events: fresh.slice(-KEEP), status: this.status, more: rows.length === PAGE };
  }

  /** Everything, for a page that has just connected. */
  snapshot(): LiveExtrasChange {
    return { events: [...this.events], status: this.status };
  }
}
