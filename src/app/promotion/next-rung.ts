/**
 * @module What a passed rung writes: for backtest → sandbox, the sandbox config (what to run in the
 * sandbox, and which backtest it was promoted from); for sandbox → live, the live config `tlab live`
 * requires (see live-config.ts).
 */
import { UsageError } from '../../core/errors.ts';
import { isoUtc } from '../../core/time.ts';
import type { ParityReport } from '../parity/types.ts';
import type { RunRecord } from '../run-record.ts';
import { LIVE_CONFIG_KIND, type LiveConfig } from './live-config.ts';
import type { PromotionConfig } from './promotion-config.ts';

/** The sandbox config's `kind`. */
export const SANDBOX_CONFIG_KIND = 'tlab-sandbox-config';

/** What the first rung writes. */
export interface SandboxConfig {
  kind: typeof SANDBOX_CONFIG_KIND;
  version: 1;
  strategy: string;
  params: Record<string, unknown>;
  strategySourceHash: string;
  instruments: { uid: string; ticker: string }[];
  interval: string;
  promotedFrom: {
    backtestRunId: string;
    period: { from: string; to: string };
    measured: Record<string, number | null>;
    promotedAt: string;
  };
}

function finestInterval(run: RunRecord): string {
  const interval = run.intervals[0];
  if (interval === undefined)
    throw new UsageError(
      `run ${run.runId} records no interval`,
      'promote a run that names its interval',
    );
  return interval;
}

/** The sandbox config for a backtest that passed the first rung. */
export function sandboxConfigFor(
  run: RunRecord,
  measured: Record<string, number | null>,
  now: number,
): SandboxConfig {
  return {
    kind: SANDBOX_CONFIG_KIND,
    version: 1,
    strategy: run.strategy,
    params: run.params,
    strategySourceHash: run.strategySourceHash,
    instruments: run.instruments,
    interval: finestInterval(run),
    promotedFrom: {
      backtestRunId: run.runId,
      period: { from: isoUtc(run.from), to: isoUtc(run.to) },
      measured,
      promotedAt: isoUtc(now),
    },
  };
}

/** What the live config is made of besides the sandbox run. */
export interface LiveConfigInput {
  run: RunRecord;
  parity: ParityReport;
  config: PromotionConfig;
  /** `--account`, else the config's `live.accountId`, else the sandbox run's own is no good (it is a sandbox account). */
  accountId: string | undefined;
  now: number;
}

/**
 * The live config for a sandbox run that passed the second rung.
 * @throws UsageError when no account to trade is named.
 */
export function liveConfigFor(i: LiveConfigInput): LiveConfig {
  const accountId = i.accountId ?? i.config.live.accountId;
  if (accountId === undefined) {
    throw new UsageError(
      'no account to trade live',
      'pass --account ID (a production account id from tlab accounts) or set live.accountId in the promotion config',
    );
  }
  if (accountId === i.run.accountId) {
    throw new UsageError(
      `account ${accountId} is the sandbox run's own account`,
      'pass the production account to trade with --account ID',
    );
  }
  return {
    kind: LIVE_CONFIG_KIND,
    version: 1,
    strategy: i.run.strategy,
    params: i.run.params,
    strategySourceHash: i.run.strategySourceHash,
    instruments: i.run.instruments,
    interval: finestInterval(i.run),
    guards: i.config.live.guards,
    accountId,
    promotedFrom: {
      sandboxRunId: i.run.runId,
      backtestRunId: i.parity.a.runId,
      period: { from: isoUtc(i.parity.period.from), to: isoUtc(i.parity.period.to) },
      parity: {
        withinTolerance: true,
        priceTicks: i.parity.tolerance.priceTicks,
        slippageCost: i.parity.summary.slippageCost,
      },
      promotedAt: isoUtc(i.now),
    },
  };
}
