/**
 * @module `tlab parity RUN_A RUN_B`: compares two runs (backtest folders or journal run ids) over
 * their common period, decision by decision and fill by fill, and prints where and why they differ
 * with a verdict; `--json` prints the report as one object, `--out DIR` writes parity.json and
 * parity.html there (give the backtest's own `--out` folder to put the page beside its report).
 * Exits 1 when the runs are not within the tolerance, so a script can gate on it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { parseDuration } from '../../core/duration.ts';
import { compareRuns } from '../../app/parity/compare-runs.ts';
import { instrumentSpecs, loadRun } from '../../app/parity/load-run.ts';
import { parityJson, parityText } from '../../app/parity/parity-text.ts';
import type { InstrumentSpec, ParityReport } from '../../app/parity/types.ts';
import type { RunRecord } from '../../app/run-record.ts';
import { openStore } from '../../data/store.ts';
import { writeFileAtomic } from '../../report/atomic-file.ts';
import { renderParityPage } from '../../report/parity/parity-page.ts';
import { dbOption, resolveDbPath } from '../options/db.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { jsonOption } from '../options/output.ts';
import { numberText, parsed, validateArgs } from '../options/validate.ts';
import { journalOption, journalReader } from './parity-journal.ts';

interface Args {
  runA: string;
  runB: string;
  journal?: string;
  ticks: string;
  'max-delay'?: string;
  db?: string;
  out?: string;
  json: boolean;
}

const schema = z.object({
  ticks: numberText(z.int().check(z.gte(0)), 'pass a whole number of ticks, e.g. --ticks 1'),
  'max-delay': z.optional(parsed((t) => parseDuration(t, '--max-delay'))),
});

/** Price steps and lots from the cache, when there is one; none otherwise (the report says so). */
function cachedSpecs(db: string | undefined, runs: RunRecord[]): Map<string, InstrumentSpec> {
  const file = resolveDbPath(db);
  if (file === ':memory:' || !existsSync(file)) return new Map();
  const store = openStore(file, { mustExist: true });
  try {
    return instrumentSpecs(runs, (id) => store.findInstrument({ kind: 'uid', id }));
  } finally {
    store.close();
  }
}

/** Writes parity.json and parity.html into `dir`; returns the page's path. */
export function writeParityFiles(dir: string, report: ParityReport): string {
  const html = renderParityPage(report);
  writeFileAtomic(
    path.join(dir, 'parity.json'),
    `${JSON.stringify(parityJson(report), null, 2)}\n`,
  );
  const page = path.join(dir, 'parity.html');
  writeFileAtomic(page, html);
  return page;
}

/** The `parity` command. */
export const parityCommand: CommandModule<object, Args> = {
  command: 'parity <run-a> <run-b>',
  describe:
    'Compare two runs decision by decision and fill by fill, and say where and why they differ',
  builder: (yargs: Argv) =>
    yargs
      .positional('run-a', {
        type: 'string',
        describe: 'The reference run: a backtest --out folder or a journal run id',
      })
      .positional('run-b', { type: 'string', describe: 'The run compared with it' })
      .options({
        ...journalOption,
        ticks: {
          type: 'string',
          default: '0',
          requiresArg: true,
          describe: 'Price slippage tolerated, in ticks',
        },
        'max-delay': {
          type: 'string',
          requiresArg: true,
          describe: 'Fill delay tolerated (e.g. 1m; default none)',
        },
        ...dbOption,
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Folder for parity.json and parity.html',
        },
        ...jsonOption('Print the report as one JSON object'),
      })
      .example(
        '$0 parity reports/sber-sandbox-model 20241202-0930-ab12',
        'a backtest against a sandbox run',
      )
      .example(
        '$0 parity reports/a reports/b --ticks 1 --out reports/a',
        'parity.html beside report.html',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const o = validateArgs(schema, args);
    const out = args.out === undefined ? undefined : checkOutDir(args.out);
    const reader = journalReader(args.journal, args.db);
    try {
      const a = loadRun(args.runA, reader.open);
      const b = loadRun(args.runB, reader.open);
      const report = compareRuns(
        a,
        b,
        { priceTicks: o.ticks, fillDelayMs: o['max-delay'] ?? 0 },
        cachedSpecs(args.db, [a, b]),
      );
      const page = out === undefined ? undefined : writeParityFiles(out, report);
      if (args.json) process.stdout.write(`${JSON.stringify(parityJson(report))}\n`);
      else
        process.stdout.write(`${parityText(report)}${page === undefined ? '' : `page: ${page}\n`}`);
      if (!report.summary.withinTolerance) process.exitCode = 1;
    } finally {
      reader.close();
    }
  },
};
