/**
 * @module Following runs as they are journaled. One timer for the whole server asks the journal
 * whether anything was committed (`PRAGMA data_version`, which reads no table) every `pollMs`;
 * only then does it read what each watched run added since its cursor (short snapshots, capped
 * per table), fold it into the run's LiveModel and hand the change to the run's listeners. A run
 * nobody watches is not read at all; the timer does not keep the process alive.
 */
import { readDelta, startCursor, type JournalCursor } from '../../data/journal/journal-delta.ts';
import type { JournalReader } from '../../data/journal/journal-reader.ts';
import { runRow } from '../../data/journal/journal-read.ts';
import { metaOf } from '../../data/journal/journal-rows.ts';
import { LiveModel, type LiveChange } from './live-model.ts';
import { LiveExtras, type LiveExtrasChange } from './live-extras.ts';
import type { UiSources } from '../server/ui-sources.ts';

/** What a listener receives: the whole state first, then each change. */
export interface LiveMessage {
  type: 'snapshot' | 'change';
  data: LiveChange & LiveExtrasChange;
}

/** A listener of one run. */
export type LiveListener = (m: LiveMessage) => void;

interface Watch {
  model: LiveModel;
  extras: LiveExtras;
  cursor: JournalCursor;
  listeners: Set<LiveListener>;
  /** The head last sent, as JSON: a change of it alone is worth a message. */
  lastHead: string;
}

/** Rounds of reading per poll when a run has much to catch up on (then the next poll goes on). */
const MAX_ROUNDS = 20;

/** The runs being watched and the poller. */
export class LiveHub {
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | undefined;
  private version: number | undefined;
  /** Polls that found a commit and read the journal (for tests and the status line). */
  reads = 0;

  constructor(
    private readonly sources: UiSources,
    private readonly pollMs: number,
  ) {}

  private pull(j: JournalReader, runId: string, w: Watch): LiveChange & LiveExtrasChange {
    let merged: (LiveChange & LiveExtrasChange) | undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { delta, live } = j.snapshot(() => ({
        delta: readDelta(j.db, runId, w.cursor),
        live: w.extras.read(j),
      }));
      w.cursor = delta.cursor;
      const change = { ...w.model.apply(delta), ...live };
      merged = merged === undefined ? change : mergeChanges(merged, change);
      if (!delta.more && !live.more) break;
    }
    return merged!;
  }

  /** Starts following `runId` for `listener`; returns the function that stops it. */
  subscribe(runId: string, listener: LiveListener): () => void {
    let w = this.watches.get(runId);
    if (w === undefined) {
      const j = this.sources.journal();
      const meta = metaOf(runRow(j.db, runId, j.file));
      w = {
        model: new LiveModel(meta),
        extras: new LiveExtras(runId),
        cursor: startCursor(),
        listeners: new Set(),
        lastHead: '',
      };
      this.pull(j, runId, w);
      w.lastHead = JSON.stringify(w.model.snapshot().head);
      this.watches.set(runId, w);
    }
    w.listeners.add(listener);
    listener({ type: 'snapshot', data: { ...w.model.snapshot(), ...w.extras.snapshot() } });
    this.start();
    const watch = w;
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size === 0) this.watches.delete(runId);
      if (this.watches.size === 0) this.stop();
    };
  }

  private start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.version = undefined;
  }

  /** One poll: read and broadcast only when another connection committed since the last one. */
  poll(): void {
    const j = this.sources.journal();
    const v = j.dataVersion();
    if (v === this.version) return;
    this.version = v;
    this.reads++;
    for (const [runId, w] of this.watches) {
      let change: LiveChange & LiveExtrasChange;
      try {
        change = this.pull(j, runId, w);
      } catch {
        // A busy or briefly unreadable journal: the next poll tries again.
        this.version = undefined;
        continue;
      }
      const head = JSON.stringify(change.head);
      const headChanged = head !== w.lastHead;
      w.lastHead = head;
      if (headChanged || !isEmpty(change))
        for (const l of w.listeners) l({ type: 'change', data: change });
    }
  }

  close(): void {
    this.stop();
    this.watches.clear();
  }
}

function isEmpty(c: LiveChange & LiveExtrasChange): boolean {
  return (
    c.fills.length === 0 && c.equity.length === 0 && c.errors.length === 0 && c.events.length === 0
  );
}

function mergeChanges(a: LiveChange & LiveExtrasChange, b: LiveChange & LiveExtrasChange) {
  const last = a.equity.at(-1);
  const equity =
    last !== undefined && b.equity[0]?.[0] === last[0]
      ? [...a.equity.slice(0, -1), ...b.equity]
      : [...a.equity, ...b.equity];
  return {
    ...b,
    fills: [...a.fills, ...b.fills],
    equity,
    errors: [...a.errors, ...b.errors],
    events: [...a.events, ...b.events],
  };
}
