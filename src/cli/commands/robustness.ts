/**
 * @module `tlab robustness RUN`: Monte Carlo reshuffling of a saved run's round trips and a block
 * bootstrap of its daily returns (RUN is a `tlab backtest --out` folder: result.json and
 * equity.csv), printed as percentiles; `--out DIR` writes robustness.json and robustness.html.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { NotFoundError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../report/atomic-file.ts';
import { renderRobustnessPage } from '../../report/study/robustness-page.ts';
import { robustness, type Distribution } from '../../research/robustness.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { jsonOption } from '../options/output.ts';
import { numberText, validateArgs } from '../options/validate.ts';

interface Args {
  run: string;
  iterations: string;
  seed: string;
  block?: string;
  out?: string;
  json: boolean;
}

const DAY = 86_400_000;

/** Round-trip P&L and daily returns of a saved run folder. */
export function readRun(dir: string): {
  startingCash: number;
  tradePnl: number[];
  dailyReturns: number[];
} {
  const resultFile = path.join(dir, 'result.json');
  const equityFile = path.join(dir, 'equity.csv');
  if (!existsSync(resultFile) || !existsSync(equityFile)) {
    throw new NotFoundError(
      `${dir} is not a saved run (it needs result.json and equity.csv)`,
      'save one with tlab backtest ... --out DIR',
    );
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    startingCash: number;
    trades: { pnl: number }[];
  };
  const daily = new Map<number, number>();
  for (const line of readFileSync(equityFile, 'utf8').split('\n').slice(1)) {
    const [t, e] = line.split(',');
    if (t === undefined || e === undefined) continue;
    daily.set(Math.floor(Date.parse(t) / DAY), Number(e));
  }
  const eq = [...daily.values()];
  const dailyReturns = eq.map((x, i) => x / (i === 0 ? result.startingCash : eq[i - 1]) - 1);
  return {
    startingCash: result.startingCash,
    tradePnl: result.trades.map((t) => t.pnl),
    dailyReturns,
  };
}

const schema = z.object({
  iterations: numberText(z.int().check(z.gte(10), z.lte(1_000_000)), 'pass e.g. --iterations 1000'),
  seed: numberText(z.int(), 'pass a whole number, e.g. --seed 1'),
  block: z.optional(
    numberText(z.int().check(z.gte(1)), 'pass a block length in days, e.g. --block 5'),
  ),
});

/** The `robustness` command. */
export const robustnessCommand: CommandModule<object, Args> = {
  command: 'robustness <run>',
  describe: 'Monte Carlo and bootstrap distributions of a saved run (tlab backtest --out DIR)',
  builder: (yargs: Argv) =>
    yargs
      .positional('run', { type: 'string', describe: 'A tlab backtest --out folder' })
      .options({
        iterations: { type: 'string', default: '1000', requiresArg: true, describe: 'Resamples' },
        seed: { type: 'string', default: '1', requiresArg: true, describe: 'Random seed' },
        block: {
          type: 'string',
          requiresArg: true,
          describe: 'Bootstrap block length in days (default √days)',
        },
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Folder for robustness.json and .html',
        },
        ...jsonOption('Print the distributions as one JSON object'),
      })
      .example(
        '$0 robustness reports/sber --iterations 5000',
        'percentiles of drawdown, final equity and Sharpe',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const o = validateArgs(schema, args);
    const out = args.out === undefined ? undefined : checkOutDir(args.out);
    const run = readRun(args.run);
    const r = robustness(run, {
      iterations: o.iterations,
      seed: o.seed,
      ...(o.block ? { blockLength: o.block } : {}),
    });
    const json = { ...r, trades: strip(r.trades), days: strip(r.days) };
    if (out !== undefined) {
      mkdirSync(out, { recursive: true });
      for (const [name, text] of [
        ['robustness.json', `${JSON.stringify(json, null, 2)}\n`],
        ['robustness.html', renderRobustnessPage(args.run, r)],
      ]) {
        writeFileAtomic(path.join(out, name), text);
      }
    }
    if (args.json) {
      process.stdout.write(`${JSON.stringify(json)}\n`);
      return;
    }
    const f = (d: Distribution) =>
      [d.p5, d.p25, d.p50, d.p75, d.p95].map((x) => x.toFixed(4)).join('\t');
    const lines = [
      `${r.iterations} resamples, seed ${r.seed}, block ${r.blockLength} days\tp5\tp25\tp50\tp75\tp95`,
    ];
    if (r.trades) {
      lines.push(`trades reshuffled: max drawdown\t${f(r.trades.maxDrawdown)}`);
      lines.push(`trades resampled: final equity\t${f(r.trades.finalEquity)}`);
    }
    if (r.days) {
      lines.push(`days bootstrapped: max drawdown\t${f(r.days.maxDrawdown)}`);
      lines.push(`days bootstrapped: final equity\t${f(r.days.finalEquity)}`);
      lines.push(`days bootstrapped: sharpe\t${f(r.days.sharpe)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};

/** The distributions without their samples (JSON stays small). */
function strip<T extends Record<string, Distribution> | null>(x: T): unknown {
  if (x === null) return null;
  return Object.fromEntries(Object.entries(x).map(([k, d]) => [k, { ...d, samples: undefined }]));
}
