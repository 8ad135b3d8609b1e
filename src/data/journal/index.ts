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
export { JournalingFeed, journalingBroker, journalObserver, positionAfter } from './journaling.ts';
export { ObservedBroker } from './observed-broker.ts';
export type { BrokerObserver, CallPosition, EventPosition, PositionStart } from './observed-broker.ts';
export { JournalFeed } from './journal-feed.ts';
export { ReplayBroker, type ReplayProgress } from './replay-broker.ts';
export { checkingBroker, type CheckedBroker } from './checking-broker.ts';
export {
  DecisionMatcher,
  ReplayDivergenceError,
  describeRequest,
  type Divergence,
} from './decision-matcher.ts';
export { replayRun, type ReplayOutcome, type ReplaySources } from './replay-run.ts';
export { journaledState, type JournaledState } from './run-state.ts';
export {
  LiveEventRecorder,
  countLiveEvents,
  readLiveEvents,
  type JournalDb,
  type LiveEventQuery,
  type LiveEventRecorderOptions,
  type StoredLiveEvent,
} from './live-events.ts';
export { processState, readRunProcess, thisProcess, type RunProcess } from './run-process.ts';
export { readRunGuards, recordRunGuards } from './run-guards.ts';
export {
  readLastPrices,
  readRunStatuses,
  recordRunStatus,
  type RecordedPrice,
  type RecordedStatus,
} from './run-market.ts';
