/**
 * @module The trading status a live run's guards check orders against: the stream's, recorded in
 * the journal whenever it changes (with a `trading-status` live event), and, while the stream has
 * not told one yet, the last the run recorded, so a resumed run's guards start from where they
 * stood instead of refusing every order until the stream speaks again.
 */
import type { JournalDb } from '../../data/journal/live-events.ts';
import { recordRunStatus, type RecordedStatus } from '../../data/journal/run-market.ts';
import type { LiveEventSink } from '../../live/index.ts';

/** Per-instrument status memory of one run. */
export class GuardStatus {
  private readonly last: Map<string, string>;

  constructor(
    private readonly journal: JournalDb,
    private readonly runId: string,
    recorded: Readonly<Record<string, RecordedStatus>>,
    private readonly sink: LiveEventSink,
  ) {
    this.last = new Map(Object.entries(recorded).map(([uid, s]) => [uid, s.status]));
  }

  /** The status for `uid` at `now`, given what the stream says (undefined: nothing yet). */
  of(uid: string, fromStream: string | undefined, now: number): string | undefined {
    if (fromStream === undefined) return this.last.get(uid);
    if (this.last.get(uid) !== fromStream) {
      this.last.set(uid, fromStream);
      recordRunStatus(this.journal, this.runId, uid, { status: fromStream, time: now });
      this.sink({ kind: 'trading-status', time: now, instrumentUid: uid, status: fromStream });
    }
    return fromStream;
  }
}
