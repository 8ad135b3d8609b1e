/**
 * @module The number of configurations tried, from a `tlab optimize --out` folder: its results.json
 * says how many configurations the study ran, which parameters ranked best and the deflated Sharpe
 * of that best, which is the one the first rung needs when the run being promoted is that best.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import { sortedKeys } from '../../engine/backtest/fingerprint.ts';
import type { TrialsInfo } from './backtest-rung.ts';

const studySchema = z.object({
  configurations: z.int().check(z.gte(1)),
  deflatedSharpe: z.nullable(z.number()),
  best: z.nullable(z.record(z.string(), z.unknown())),
});

const same = (a: unknown, b: unknown) =>
  JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));

/**
 * What the study in `dir` says of the run with `params`.
 * @throws UsageError when the folder holds no study results.
 */
export function studyTrials(dir: string, params: Record<string, unknown>): TrialsInfo {
  const file = path.join(dir, 'results.json');
  let study: z.infer<typeof studySchema>;
  try {
    study = studySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new UsageError(
      `--study ${dir} holds no study results (results.json)`,
      'pass the folder tlab optimize --out wrote',
      { cause: err },
    );
  }
  // The study's best holds the searched and fixed parameters; the run's may add defaults.
  const best = study.best ?? {};
  const isBest = study.best !== null && Object.keys(best).every((k) => same(best[k], params[k]));
  return {
    kind: 'study',
    configurations: study.configurations,
    deflatedSharpe: study.deflatedSharpe,
    isBest,
  };
}
