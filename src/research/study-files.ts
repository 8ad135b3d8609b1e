/**
 * @module A study's folder: `study.json` (what was searched, so a resumed run can check it is the
 * same study), `results.jsonl` (one line per finished configuration, appended as they finish, so an
 * interrupted study resumes without rerunning them; a torn last line is ignored), and the ranked
 * outputs `results.csv`, `results.json` and `optimize.html`, each written atomically.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.ts';
import { writeFileAtomic } from '../report/atomic-file.ts';
import { csvField } from '../report/csv.ts';
import { renderStudyPage } from '../report/study/study-page.ts';
import type { ConfigResult } from './config-run.ts';
import { paramKey, type StudyResult, type StudySpec } from './study.ts';

/** The identity of a study: everything that determines its configurations' results. */
export function studyIdentity(spec: StudySpec): string {
  const t = spec.template;
  return JSON.stringify({
    strategy: t.strategy,
    instruments: t.instruments.map((i) => i.uid),
    intervals: t.intervals,
    range: t.range,
    models: { fillModel: t.fillModel, fees: t.fees, slippage: t.slippage },
    cash: t.cash,
    allowShort: t.allowShort,
    fixed: spec.fixed,
    // Recorded only when it filters, so folders from before --sessions resume with `all`.
    ...(spec.sessions === undefined || spec.sessions === 'all' ? {} : { sessions: spec.sessions }),
  });
}

/**
 * Opens (or creates) a study folder: checks it holds the same study, returns the configurations
 * finished before and an `append` that logs each new one.
 */
export function openStudyDir(
  dir: string,
  spec: StudySpec,
): { done: Map<string, ConfigResult>; append(r: ConfigResult): void } {
  mkdirSync(dir, { recursive: true });
  const id = studyIdentity(spec);
  const meta = path.join(dir, 'study.json');
  if (existsSync(meta)) {
    if (readFileSync(meta, 'utf8').trim() !== id) {
      throw new UsageError(
        `${dir} holds the results of a different study`,
        'give another --out folder, or remove this one to start over',
      );
    }
  } else {
    writeFileAtomic(meta, `${id}\n`);
  }
  const log = path.join(dir, 'results.jsonl');
  const done = new Map<string, ConfigResult>();
  if (existsSync(log)) {
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      try {
        const r = JSON.parse(line) as ConfigResult;
        done.set(paramKey(r.params), r);
      } catch {
        // the line a crash tore in half: its configuration simply runs again
      }
    }
  }
  return { done, append: (r) => appendFileSync(log, `${JSON.stringify(r)}\n`) };
}

/** The study as one JSON object (what `--json` prints and results.json holds). */
export function studyJson(result: StudyResult): Record<string, unknown> {
  return {
    configurations: result.configurations,
    search: result.search,
    candidates: result.candidates,
    completed: result.completed,
    excluded: result.excluded,
    objective: result.objective,
    probabilisticSharpe: result.probabilisticSharpe,
    deflatedSharpe: result.deflatedSharpe,
    best: result.ranked[0]?.params ?? null,
    results: result.ranked.map((r, k) => ({
      rank: k + 1,
      params: r.params,
      metrics: r.metrics,
      tradesHash: r.fingerprint.tradesHash,
    })),
  };
}

const CSV_METRICS = [
  'sharpe',
  'totalReturn',
  'cagr',
  'maxDrawdown',
  'trades',
  'winRate',
  'profitFactor',
  'finalEquity',
] as const;

/** The ranked table as CSV: rank, every parameter, the key metrics, the trades hash. */
export function studyCsv(result: StudyResult, paramNames: readonly string[]): string {
  const head = ['rank', ...paramNames, ...CSV_METRICS, 'trades_hash'].join(',');
  const rows = result.ranked.map((r, k) =>
    [
      String(k + 1),
      ...paramNames.map((p) => csvField(String(r.params[p]))),
      ...CSV_METRICS.map((m) => String(r.metrics[m] ?? '')),
      r.fingerprint.tradesHash,
    ].join(','),
  );
  return `${[head, ...rows].join('\n')}\n`;
}

/** Writes results.csv, results.json and optimize.html into the study folder. */
export function writeStudyOutputs(dir: string, spec: StudySpec, result: StudyResult): void {
  const names = [...spec.axes.map((a) => a.name), ...Object.keys(spec.fixed)];
  writeFileAtomic(path.join(dir, 'results.csv'), studyCsv(result, names));
  writeFileAtomic(
    path.join(dir, 'results.json'),
    `${JSON.stringify(studyJson(result), null, 2)}\n`,
  );
  const title = `${spec.template.strategy} on ${spec.template.instruments.map((i) => i.ticker).join(', ')}`;
  writeFileAtomic(path.join(dir, 'optimize.html'), renderStudyPage(title, result, spec.axes));
}
