/**
 * @module `tlab optimize`: a grid search of a registered strategy over cached candles on worker
 * threads, ranked by an objective, with the number of configurations tried and the deflated and
 * probabilistic Sharpe of the best. `--out DIR` keeps a resume log (an interrupted study continues
 * where it stopped) and writes results.csv, results.json and optimize.html.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { createPool, defaultWorkers } from '../../research/config-pool.ts';
import { openStudyDir, studyJson, writeStudyOutputs } from '../../research/study-files.ts';
import { runStudy, studyConfigurations, type StudyResult } from '../../research/study.ts';
import { dbOption } from '../options/db.ts';
import { clusterOption, openCluster } from '../options/cluster.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { jsonOption } from '../options/output.ts';
import { parseStudyArgs, studyOptions, type StudyArgs } from '../options/study.ts';
import { studyProgress } from '../study-progress.ts';
import { prepareStudy } from '../study-setup.ts';

interface Args extends StudyArgs {
  out?: string;
  cluster?: string;
  json: boolean;
}

/** The `optimize` command. */
export const optimizeCommand: CommandModule<object, Args> = {
  command: 'optimize',
  describe: 'Search a strategy parameter grid on worker threads (ranked, with deflated Sharpe)',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...studyOptions(),
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Study folder: resume log and results',
        },
        ...jsonOption('Print the ranked study as one JSON object'),
        ...dbOption,
        ...clusterOption,
      })
      .example(
        '$0 optimize --strategy sma-cross --instrument SBER --interval 1h --from 2024-01-01 --grid fast=5:30:5 --grid slow=20:120:10 --constraint "fast<slow"',
        'rank every fast/slow pair by Sharpe',
      )
      .example(
        '$0 optimize --strategy sma-cross --instrument SBER --from 2024-01-01 --grid fast=5,10 --grid slow=30,60 --out reports/opt',
        'keep a resumable study folder with optimize.html',
      )
      .example(
        '$0 optimize --strategy sma-cross --instrument SBER --from 2024-01-01 --grid fast=2:60 --grid slow=10:400:5 --search random --samples 200 --seed 7',
        'a seeded random sample of 200 configurations from a large grid',
      )
      .example(
        '$0 optimize --strategy sma-cross --instrument SBER --from 2024-01-01 --grid fast=2:60 --grid slow=10:400:5 --cluster redis://127.0.0.1:6379',
        'the same study on `tlab worker` processes through Redis',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const now = Date.now();
    const p = parseStudyArgs(args, now);
    const out = args.out === undefined ? undefined : checkOutDir(args.out);
    let configurations = 0;
    const { spec, series } = prepareStudy(p, args, now, (s) => {
      const { configs } = studyConfigurations(s);
      if (configs.length === 0) {
        throw new UsageError(
          'the constraints leave no configuration to run',
          'loosen --constraint or widen --grid',
        );
      }
      for (const c of configs) p.entry.parse(c);
      configurations = configs.length;
    });
    let result: StudyResult;
    const dir = out === undefined ? undefined : openStudyDir(out, spec);
    const bar = !args.json && process.stderr.isTTY === true;
    const cluster =
      args.cluster === undefined
        ? undefined
        : await openCluster(args.cluster, {
            kind: 'optimize',
            spec,
            jobs: configurations,
            bar,
            workers: p.opts.workers,
          });
    const pool = cluster?.pool ?? createPool(p.opts.workers ?? defaultWorkers());
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    const progress = cluster?.progress ?? studyProgress(bar, configurations);
    try {
      result = await runStudy(spec, {
        pool,
        series,
        done: dir?.done,
        signal: abort.signal,
        onResult: (r, done) => {
          dir?.append(r);
          progress.update(done);
        },
      });
    } finally {
      progress.stop();
      process.off('SIGINT', stop);
      await pool.close();
    }
    if (out !== undefined) writeStudyOutputs(out, spec, result);
    if (args.json) process.stdout.write(`${JSON.stringify(studyJson(result))}\n`);
    else
      process.stdout.write(
        studyTable(
          result,
          spec.axes.map((a) => a.name),
        ),
      );
    if (out !== undefined && !args.json) process.stdout.write(`study: ${out}/optimize.html\n`);
    if (abort.signal.aborted) process.exitCode = 130;
  },
};

/** What the tried configurations are, for the summary line. */
export function sampled(r: StudyResult): string {
  return r.search.kind === 'random'
    ? `a random sample, seed ${r.search.seed}, of the ${r.candidates} the constraints leave; ${r.excluded} excluded`
    : `${r.excluded} excluded by constraints`;
}

/** The terminal summary: counts, PSR/DSR, the top ten. */
export function studyTable(r: StudyResult, names: readonly string[]): string {
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  const lines = [
    `configurations: ${r.configurations} tried (${sampled(r)}), ${r.completed} finished`,
    `best by ${r.objective}: PSR ${f(r.probabilisticSharpe)}, deflated Sharpe ${f(r.deflatedSharpe)} (probability the best is not luck among ${r.configurations})`,
    ['rank', ...names, 'sharpe', 'return', 'maxDD', 'trades'].join('\t'),
    ...r.ranked
      .slice(0, 10)
      .map((c, k) =>
        [
          String(k + 1),
          ...names.map((n) => String(c.params[n])),
          f(c.metrics.sharpe),
          f(c.metrics.totalReturn),
          f(c.metrics.maxDrawdown),
          String(c.metrics.trades),
        ].join('\t'),
      ),
  ];
  return `${lines.join('\n')}\n`;
}
