/**
 * The job of a resumed run comes from its journal record: strategy, parameters, instruments, cash,
 * account and the guard limits it was started with (a run recorded before limits were stored
 * resumes with none); a live config naming another strategy or account is refused.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobOfRun } from '../../src/cli/live/resume-job.ts';
import type { LiveJob } from '../../src/cli/live/live-command.ts';
import { openJournal, recordRunGuards } from '../../src/data/journal/index.ts';
import { SBER, meta, tempDir } from '../data/journal/journal-fixture.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('tlab-resume-job-');
});
afterEach(() => tmp.remove());

describe('jobOfRun', () => {
  it('takes the guard limits, cash and account the run recorded', () => {
    const j = openJournal(path.join(tmp.dir, 'runs.sqlite'));
    const id = j.startRun(meta({ mode: 'sandbox', accountId: 'acc-9', startingCash: 250_000 }));
    const limits = { maxOrderValue: 0.1 + 0.2, maxPositionLots: 3, flattenOnDailyLoss: true };
    recordRunGuards(j, id, limits);
    const job = jobOfRun(j, j.readSoFar(id));
    expect(job).toMatchObject({
      strategy: 'sma-cross',
      instruments: [{ kind: 'uid', id: SBER.uid }],
      intervals: ['1m'],
      guards: limits,
      cash: 250_000,
      accountId: 'acc-9',
    });
    const older = j.startRun(meta());
    expect(jobOfRun(j, j.readSoFar(older)).guards).toEqual({});
    j.close();
  });

  it('refuses a live config for another strategy or account', () => {
    const j = openJournal(path.join(tmp.dir, 'runs.sqlite'));
    const id = j.startRun(meta({ mode: 'live', accountId: 'acc-1' }));
    const config: LiveJob = {
      strategy: 'sma-cross',
      params: {},
      instruments: [],
      intervals: ['1m'],
      guards: { maxOrderValue: 1000, maxPositionLots: 1, maxDailyLoss: 10 },
      accountId: 'acc-2',
    };
    expect(() => jobOfRun(j, j.readSoFar(id), config)).toThrow(/on account acc-2.*acc-1/);
    const same = jobOfRun(j, j.readSoFar(id), { ...config, accountId: 'acc-1' });
    expect(same.guards).toEqual(config.guards);
    j.close();
  });
});
