/**
 * @module `tlab walk-forward`: rolling or anchored in-sample/out-of-sample splits by time; the best
 * configuration of each in-sample grid search runs on the window after it; the stitched
 * out-of-sample curve and metrics are printed beside the in-sample ones with the walk-forward
 * efficiency; `--out DIR` writes walk-forward.json and walk-forward.html.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../report/atomic-file.ts';
import { renderWalkForwardPage } from '../../report/study/walk-forward-page.ts';
import { createPool, defaultWorkers } from '../../research/config-pool.ts';
import {
  runWalkForward,
  walkForwardWindows,
  type WalkForwardResult,
} from '../../research/walk-forward.ts';
import { studyConfigurations } from '../../research/study.ts';
import { dbOption } from '../options/db.ts';
import { clusterOption, openCluster } from '../options/cluster.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { jsonOption } from '../options/output.ts';
import { parseStudyArgs, studyOptions, type StudyArgs } from '../options/study.ts';
import { prepareStudy } from '../study-setup.ts';

interface Args extends StudyArgs {
  'in-sample': string;
  'out-of-sample': string;
  anchored: boolean;
  out?: string;
  json: boolean;
  cluster?: string;
}

/** `90d`, `12h`, `4w` as milliseconds. */
export function parseSpan(text: string, flag: string): number {
  const m = /^(\d+)([hdw])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) {
    throw new UsageError(`--${flag} '${text}' is not a length`, 'write e.g. 90d, 12h or 4w');
  }
  return Number(m[1]) * { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'h' | 'd' | 'w'];
}

/** The `walk-forward` command. */
export const walkForwardCommand: CommandModule<object, Args> = {
  command: 'walk-forward',
  describe: 'Walk-forward validation: optimise in sample, run out of sample, stitch the windows',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...studyOptions(),
        'in-sample': {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'In-sample length, e.g. 90d',
        },
        'out-of-sample': {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'Out-of-sample length, e.g. 30d',
        },
        anchored: {
          type: 'boolean',
          default: false,
          describe: 'In-sample windows all start at --from',
        },
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Folder for walk-forward.json and .html',
        },
        ...jsonOption('Print the walk-forward as one JSON object'),
        ...dbOption,
        ...clusterOption,
      })
      .example(
        '$0 walk-forward --strategy sma-cross --instrument SBER --interval 1h --from 2024-01-01 --to 2025-01-01 --grid fast=5,10,20 --grid slow=30,60 --in-sample 90d --out-of-sample 30d',
        'rolling 90-day searches, each tested on the next 30 days',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const now = Date.now();
    const p = parseStudyArgs(args, now);
    const isMs = parseSpan(args['in-sample'], 'in-sample');
    const oosMs = parseSpan(args['out-of-sample'], 'out-of-sample');
    const out = args.out === undefined ? undefined : checkOutDir(args.out);
    const { spec, series } = prepareStudy(p, args, now);
    const windows = walkForwardWindows(spec.template.range, isMs, oosMs, args.anchored);
    const cluster =
      args.cluster === undefined
        ? undefined
        : await openCluster(args.cluster, {
            kind: 'walk-forward',
            spec,
            jobs: windows.length * (studyConfigurations(spec).configs.length + 1),
            bar: !args.json && process.stderr.isTTY === true,
            workers: p.opts.workers,
            extra: windows,
          });
    const pool = cluster?.pool ?? createPool(p.opts.workers ?? defaultWorkers());
    let r: WalkForwardResult;
    try {
      r = await runWalkForward(spec, windows, { pool, series });
    } finally {
      cluster?.progress.stop();
      await pool.close();
    }
    const json = walkForwardJson(r);
    if (out !== undefined) {
      mkdirSync(out, { recursive: true });
      writeFileAtomic(path.join(out, 'walk-forward.json'), `${JSON.stringify(json, null, 2)}\n`);
      writeFileAtomic(
        path.join(out, 'walk-forward.html'),
        renderWalkForwardPage(`${spec.template.strategy} walk-forward`, r),
      );
    }
    if (args.json) process.stdout.write(`${JSON.stringify(json)}\n`);
    else process.stdout.write(walkForwardText(r));
  },
};

/** The walk-forward as JSON (windows with their choices and both sides' metrics). */
export function walkForwardJson(r: WalkForwardResult): Record<string, unknown> {
  return {
    windows: r.windows.map((w) => ({
      index: w.index,
      inSample: {
        from: new Date(w.inSample.from).toISOString(),
        to: new Date(w.inSample.to).toISOString(),
      },
      outOfSample: {
        from: new Date(w.outOfSample.from).toISOString(),
        to: new Date(w.outOfSample.to).toISOString(),
      },
      configurations: w.configurations,
      params: w.params,
      inSampleMetrics: w.inSampleMetrics,
      outOfSampleMetrics: w.outOfSampleMetrics,
    })),
    outOfSample: r.outOfSample,
    inSampleCagr: r.inSampleCagr,
    efficiency: r.efficiency,
  };
}

function walkForwardText(r: WalkForwardResult): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const rows = r.windows.map(
    (w) =>
      `${w.index + 1}\t${day(w.outOfSample.from)}..${day(w.outOfSample.to)}\t${JSON.stringify(w.params)}\tIS sharpe ${f(w.inSampleMetrics?.sharpe)}\tOOS sharpe ${f(w.outOfSampleMetrics?.sharpe)}`,
  );
  const o = r.outOfSample;
  return `${rows.join('\n')}\nstitched out of sample: return ${f(o.totalReturn)}, cagr ${f(o.cagr)}, sharpe ${f(o.sharpe)}, maxDD ${f(o.maxDrawdown)}, trades ${o.trades}; walk-forward efficiency ${f(r.efficiency)}\n`;
}
