/**
 * @module The run journal: the SQLite OrderJournal, its read side, the journaling wrappers that
 * attach it to a run, and the replay adapters that run a recorded run again.
 */
export * from './journal-errors.ts';
export { openJournal, journalPathFor, JOURNAL_FILE_NAME } from './open-journal.ts';
export { SqliteRunJournal } from './sqlite-journal.ts';
export type { RunFilter, RunSummary } from './journal-read.ts';
export { fillsOf } from './journal-read.ts';
export { newRunId, looksLikeRunId } from './run-id.ts';
