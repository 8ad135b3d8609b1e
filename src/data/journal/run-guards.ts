/**
 * @module The risk-guard limits a run trades under, stored with the run (the `guards` column), so a
 * resumed run keeps the limits it was started with instead of running unguarded. Plain JSON: every
 * limit is a number, a flag, a currency code or a list of trading statuses.
 */
import type { JournalDb } from './live-events.ts';

/** Stores `limits` as the guard limits of `runId` (replacing any stored before). */
export function recordRunGuards(
  journal: JournalDb,
  runId: string,
  limits: Readonly<Record<string, unknown>>,
): void {
  journal.db.prepare('UPDATE runs SET guards = ? WHERE run_id = ?').run(JSON.stringify(limits), runId);
}

/** The guard limits `runId` recorded; undefined when it recorded none (a backtest, an older run). */
export function readRunGuards(
  journal: JournalDb,
  runId: string,
): Record<string, unknown> | undefined {
  const row = journal.db.prepare('SELECT guards FROM runs WHERE run_id = ?').get(runId) as
    | { guards: string | null }
    | undefined;
  return row?.guards == null ? undefined : (JSON.parse(row.guards) as Record<string, unknown>);
}
