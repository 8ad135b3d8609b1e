/**
 * @module `tlab runs`: the runs recorded in the run journal (backtests saved with `--save`, paper,
 * sandbox and live runs), newest first, with mode, strategy, parameters, period, outcome, trades
 * and final equity; `tlab runs show RUN` prints one run's details. Read-only: a missing journal is
 * an error, never created.
 */
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { openJournal } from '../../data/journal/open-journal.ts';
import { dbOption } from '../options/db.ts';
import { journalOption, resolveJournalPath } from '../options/journal.ts';
import { jsonOption } from '../options/output.ts';
import { validateArgs } from '../options/validate.ts';
import { runDetails, runsTable } from './runs-format.ts';

const MODES = ['backtest', 'paper', 'sandbox', 'live'] as const;

interface ListArgs {
  journal?: string;
  db?: string;
  mode?: string;
  json: boolean;
}

interface ShowArgs {
  journal?: string;
  db?: string;
  run: string;
  json: boolean;
}

const modeSchema = z.object({ mode: z.optional(z.enum(MODES)) });

const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show <run>',
  describe: "Print one run's details (a unique start of its id is enough)",
  builder: (yargs: Argv) =>
    yargs
      .positional('run', { type: 'string', describe: 'Run id, as `tlab runs` lists it' })
      .options({ ...journalOption, ...dbOption, ...jsonOption('Print the run record as JSON') })
      .example('$0 runs show 20261201-140512', '') as unknown as Argv<ShowArgs>,
  handler: (args) => {
    const journal = openJournal(resolveJournalPath(args.journal, args.db), { mustExist: true });
    try {
      const runId = journal.findRun(String(args.run));
      const record = journal.readRun(runId);
      const counters = journal.readCounters(runId);
      if (args.json)
        process.stdout.write(
          `${JSON.stringify({ ...record, ...(counters ? { counters } : {}) })}\n`,
        );
      else process.stdout.write(runDetails(record, counters));
    } finally {
      journal.close();
    }
  },
};

/** The `runs` command. */
export const runsCommand: CommandModule<object, ListArgs> = {
  command: 'runs',
  describe: 'List recorded runs (backtest --save, paper, sandbox, live), newest first',
  builder: (yargs: Argv) =>
    yargs
      .command(showCommand as unknown as CommandModule)
      .options({
        ...journalOption,
        ...dbOption,
        mode: {
          type: 'string',
          requiresArg: true,
          describe: `Only runs of one mode: ${MODES.join(', ')}`,
        },
        ...jsonOption('Print the list as JSON'),
      })
      .example('$0 runs', 'every run in data/runs.sqlite')
      .example('$0 runs --mode sandbox --json', '')
      .example('$0 runs show RUN', "one run's details") as unknown as Argv<ListArgs>,
  handler: (args) => {
    const { mode } = validateArgs(modeSchema, args);
    const journal = openJournal(resolveJournalPath(args.journal, args.db), { mustExist: true });
    try {
      const runs = journal.listRuns(mode === undefined ? {} : { mode });
      if (args.json) process.stdout.write(`${JSON.stringify(runs)}\n`);
      else if (runs.length === 0)
        process.stdout.write(
          `no runs recorded in ${journal.file}${mode ? ` of mode ${mode}` : ''}\n`,
        );
      else process.stdout.write(runsTable(runs));
    } finally {
      journal.close();
    }
  },
};
