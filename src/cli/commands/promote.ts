/**
 * @module `tlab promote --from backtest|sandbox RUN`: checks the run against its rung's thresholds
 * in the promotion config and writes the next rung's config (sandbox-config.json, or the
 * live-config.json `tlab live` requires). Every unmet threshold is one line on stderr with the
 * run's value, and the command exits 1 without writing anything.
 */
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { registeredSourceHash } from '../../app/live-preflight.ts';
import { instrumentSpecs, isBacktestDir, loadRun } from '../../app/parity/load-run.ts';
import {
  checkBacktestRung,
  type RungCheck,
  type TrialsInfo,
} from '../../app/promotion/backtest-rung.ts';
import { formatLiveConfig } from '../../app/promotion/live-config.ts';
import { liveConfigFor, sandboxConfigFor } from '../../app/promotion/next-rung.ts';
import { sandboxModelBacktest } from '../../app/promotion/parity-backtest.ts';
import {
  DEFAULT_PROMOTION_CONFIG,
  readPromotionConfig,
  type PromotionConfig,
} from '../../app/promotion/promotion-config.ts';
import { checkSandboxRung } from '../../app/promotion/sandbox-rung.ts';
import { studyTrials } from '../../app/promotion/study-trials.ts';
import type { RunRecord } from '../../app/run-record.ts';
import { SqliteFeed } from '../../data/sqlite-feed.ts';
import { writeFileAtomic } from '../../report/atomic-file.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { numberText, validateArgs } from '../options/validate.ts';
import { journalOption, journalReader } from './parity-journal.ts';
import { readRun as readSavedRun } from './robustness.ts';

interface Args {
  from: string;
  run: string;
  config: string;
  out?: string;
  trials?: string;
  study?: string;
  account?: string;
  journal?: string;
  db?: string;
}

const schema = z.object({
  from: z.enum(['backtest', 'sandbox']),
  trials: z.optional(
    numberText(z.int().check(z.gte(1)), 'pass how many configurations were tried, e.g. --trials 1'),
  ),
});

function trialsOf(
  args: Args,
  trials: number | undefined,
  run: RunRecord,
  c: PromotionConfig,
): TrialsInfo {
  if (args.study !== undefined) return studyTrials(args.study, run.params);
  const n = trials ?? c.backtest.trials;
  return n === undefined ? { kind: 'unknown' } : { kind: 'stated', trials: n };
}

function backtestRung(
  args: Args,
  trials: number | undefined,
  run: RunRecord,
  c: PromotionConfig,
): { check: RungCheck; text: string } {
  const daily = isBacktestDir(args.run) ? readSavedRun(args.run).dailyReturns : undefined;
  const check = checkBacktestRung(run, daily, trialsOf(args, trials, run, c), c.backtest);
  return {
    check,
    text: `${JSON.stringify(sandboxConfigFor(run, check.measured, Date.now()), null, 2)}\n`,
  };
}

async function sandboxRung(
  args: Args,
  run: RunRecord,
  c: PromotionConfig,
): Promise<{ check: RungCheck; text: string }> {
  const store = openCliStore(args.db, { mustExist: true });
  try {
    const find = (id: string) => store.findInstrument({ kind: 'uid', id });
    const reference = await sandboxModelBacktest(run, {
      findInstrument: find,
      feed: new SqliteFeed(store),
    });
    const check = checkSandboxRung(
      run,
      reference,
      instrumentSpecs([run], find),
      c.sandbox,
      registeredSourceHash(run.strategy),
    );
    if (check.refusals.length > 0 || check.parity === undefined) return { check, text: '' };
    const live = liveConfigFor({
      run,
      parity: check.parity,
      config: c,
      accountId: args.account,
      now: Date.now(),
    });
    return { check, text: formatLiveConfig(live) };
  } finally {
    store.close();
  }
}

/** The `promote` command. */
export const promoteCommand: CommandModule<object, Args> = {
  command: 'promote <run>',
  describe: "Check a run against its rung of the promotion ladder and write the next rung's config",
  builder: (yargs: Argv) =>
    yargs
      .positional('run', {
        type: 'string',
        describe: 'A backtest --out folder or a journal run id',
      })
      .options({
        from: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'The rung the run is on: backtest | sandbox',
        },
        config: {
          type: 'string',
          default: DEFAULT_PROMOTION_CONFIG,
          requiresArg: true,
          describe: 'Promotion config (JSON)',
        },
        out: {
          type: 'string',
          requiresArg: true,
          describe:
            "Where to write the next rung's config (default sandbox-config.json or live-config.json)",
        },
        trials: {
          type: 'string',
          requiresArg: true,
          describe: 'Configurations tried to find these parameters (for the deflated Sharpe)',
        },
        study: {
          type: 'string',
          requiresArg: true,
          describe: 'The tlab optimize --out folder these parameters came from',
        },
        account: {
          type: 'string',
          requiresArg: true,
          describe: 'Production account id for tlab live (overrides live.accountId)',
        },
        ...journalOption,
        ...dbOption,
      })
      .example('$0 promote --from backtest reports/sber --study studies/sber', 'backtest → sandbox')
      .example(
        '$0 promote --from sandbox 20241202-0930-ab12 --out live-config.json',
        'sandbox → live',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const o = validateArgs(schema, args);
    const config = readPromotionConfig(args.config);
    const reader = journalReader(args.journal, args.db);
    try {
      const run = loadRun(args.run, reader.open);
      const { check, text } =
        o.from === 'backtest'
          ? backtestRung(args, o.trials, run, config)
          : await sandboxRung(args, run, config);
      if (check.refusals.length > 0) {
        for (const r of check.refusals) process.stderr.write(`tlab: promote refused: ${r}\n`);
        process.exitCode = 1;
        return;
      }
      const out = args.out ?? (o.from === 'backtest' ? 'sandbox-config.json' : 'live-config.json');
      writeFileAtomic(out, text);
      const measured = Object.entries(check.measured)
        .map(([k, v]) => `${k} ${v ?? 'n/a'}`)
        .join(', ');
      process.stdout.write(`promoted ${run.runId} from ${o.from} (${measured})\nwrote ${out}\n`);
    } finally {
      reader.close();
    }
  },
};
