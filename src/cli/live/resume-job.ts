/**
 * @module What `--resume RUN` continues: the recorded run, if it is of the command's mode, still
 * marked running and not still going in another process, and its job (strategy, parameters,
 * instruments, guard limits, cash, account) as the journal recorded it.
 */
import { UsageError } from '../../core/errors.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { Interval } from '../../core/interval.ts';
import { readRunGuards } from '../../data/journal/run-guards.ts';
import { processState, readRunProcess } from '../../data/journal/run-process.ts';
import type { SqliteRunJournal } from '../../data/journal/sqlite-journal.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type { GuardLimits } from '../../live/index.ts';
import type { RawParam } from '../../strategies/index.ts';
import type { LiveJob } from './live-command.ts';
import type { LiveMode } from './live-session.ts';

/** The recorded run `id` names, if it can be resumed in `mode`. */
export function resumable(journal: SqliteRunJournal, id: string, mode: LiveMode): RunSoFar {
  const soFar = journal.readSoFar(journal.findRun(id));
  const was = soFar.meta.mode;
  if (was !== mode) {
    throw new UsageError(
      `run ${soFar.runId} is a ${was} run, not a ${mode} one`,
      was === 'backtest'
        ? 'a backtest is not resumed; replay it with tlab backtest --replay'
        : `resume it with tlab ${was} --resume ${soFar.runId}`,
    );
  }
  if (soFar.outcome !== 'running') {
    throw new UsageError(`run ${soFar.runId} already ${soFar.outcome}`, 'start a new run');
  }
  const writer = readRunProcess(journal, soFar.runId);
  if (writer !== undefined && processState(writer) === 'alive') {
    throw new UsageError(
      `run ${soFar.runId} is still running (pid ${writer.pid} on ${writer.host})`,
      `stop it first (kill -TERM ${writer.pid}), then resume`,
    );
  }
  return soFar;
}

/**
 * The job of a resumed run, as its journal recorded it. A live run's config (its preflight passed)
 * must name the same strategy and account.
 */
export function jobOfRun(
  journal: SqliteRunJournal,
  soFar: RunSoFar,
  configured?: LiveJob,
): LiveJob {
  const m = soFar.meta;
  if (configured !== undefined) {
    const same = configured.strategy === m.strategy && configured.accountId === m.accountId;
    if (!same) {
      throw new UsageError(
        `the live config runs ${configured.strategy} on account ${configured.accountId}; ` +
          `run ${soFar.runId} ran ${m.strategy} on account ${m.accountId}`,
        'pass the live config the run was started with',
      );
    }
  }
  return {
    strategy: m.strategy,
    params: m.params as Record<string, RawParam>,
    instruments: m.instruments.map((i) => ({ kind: 'uid', id: i.uid }) as InstrumentRef),
    intervals: m.intervals as Interval[],
    // The limits it was started with (a live run's config has them too, checked by the preflight).
    guards:
      configured?.guards ?? (readRunGuards(journal, soFar.runId) as GuardLimits | undefined) ?? {},
    cash: m.startingCash,
    allowShort: m.models.allowShort === true,
    ...(m.accountId === undefined ? {} : { accountId: m.accountId }),
  };
}
