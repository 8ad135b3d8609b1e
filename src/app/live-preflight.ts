/**
 * @module The checks `tlab live` makes before anything else, so no client is created, no stream
 * opened and no order sent unless every one passes: a promoted live config, `--confirm-live`, a
 * production token (not a sandbox one), a production host (not the sandbox's), armed risk guards,
 * and the strategy's source unchanged since it was promoted. The first failing check is returned as
 * one line naming the fix.
 */
import { createHash } from 'node:crypto';
import { TlabError } from '../core/errors.ts';
import { isLoopbackHost, parseEndpoint } from '../live/client/endpoint.ts';
import { getStrategy } from '../strategies/index.ts';
import { readLiveConfig, type LiveConfig } from './promotion/live-config.ts';

/** What the risk guards say of themselves (the guarded broker's `armed()`). */
export interface GuardState {
  armed(): boolean;
  /** Names of the required guards left unset, when the guards can tell. */
  missing?(): readonly string[];
}

/** What `tlab live` was given. */
export interface LivePreflightInput {
  /** `--config FILE`; undefined when not given. */
  configPath: string | undefined;
  /** `--confirm-live`. */
  confirmLive: boolean;
  /** The environment the token comes from (TINKOFF_TOKEN_*, SANDBOX_TOKEN_*). */
  env: NodeJS.ProcessEnv;
  /** The endpoint the run would connect to, `host:port`. */
  endpoint: string;
  /** The risk guards, or whether they are armed. */
  guards: GuardState | boolean;
  /** sha256 of the source of the strategy the config names, as the code being run has it. */
  strategySourceHash?: (strategy: string) => string;
}

/** The outcome: the config to run, or the first refusal. */
export type LivePreflight = { ok: true; config: LiveConfig } | { ok: false; refusal: string };

const has = (v: string | undefined) => v !== undefined && v.trim() !== '';

/** sha256 of a registered strategy's source, as RunFingerprint computes it. */
export function registeredSourceHash(strategy: string): string {
  return createHash('sha256').update(getStrategy(strategy).source()).digest('hex');
}

function tokenRefusal(env: NodeJS.ProcessEnv, host: string): string | undefined {
  const prod = has(env.TINKOFF_TOKEN_STRING) || has(env.TINKOFF_TOKEN_FILE);
  const sandbox = has(env.SANDBOX_TOKEN_STRING) || has(env.SANDBOX_TOKEN_FILE);
  if (
    prod &&
    has(env.TINKOFF_TOKEN_STRING) &&
    env.TINKOFF_TOKEN_STRING?.trim() === env.SANDBOX_TOKEN_STRING?.trim()
  ) {
    return 'TINKOFF_TOKEN_STRING holds the sandbox token: set it to a production token (tlab sandbox is the place for the sandbox one)';
  }
  if (prod || isLoopbackHost(host)) return undefined;
  if (sandbox) {
    return 'only a sandbox token (SANDBOX_TOKEN_*) is set: tlab live trades real money and needs TINKOFF_TOKEN_STRING (or TINKOFF_TOKEN_FILE); use tlab sandbox for the sandbox';
  }
  return 'no production token: set TINKOFF_TOKEN_STRING (or TINKOFF_TOKEN_FILE); tokens are never read from the command line';
}

function guardRefusal(guards: GuardState | boolean): string | undefined {
  const armed = typeof guards === 'boolean' ? guards : guards.armed();
  if (armed) return undefined;
  const missing = typeof guards === 'boolean' ? [] : (guards.missing?.() ?? []);
  const which = missing.length === 0 ? '' : ` (unset: ${missing.join(', ')})`;
  return `the risk guards are not armed${which}: set guards.maxOrderValue, guards.maxPositionLots and guards.maxDailyLoss in the live config`;
}

/** Runs every check in order and returns the first refusal, or the config when all pass. */
export function checkLivePreflight(input: LivePreflightInput): LivePreflight {
  const refuse = (refusal: string): LivePreflight => ({ ok: false, refusal });
  if (input.configPath === undefined) {
    return refuse(
      'tlab live needs a promoted config: run tlab promote --from sandbox RUN --out live-config.json, then pass --config live-config.json',
    );
  }
  let config: LiveConfig;
  try {
    config = readLiveConfig(input.configPath);
  } catch (err) {
    if (err instanceof TlabError) return refuse(err.oneLine());
    throw err;
  }
  if (!input.confirmLive)
    return refuse('tlab live sends real orders with real money: pass --confirm-live to go ahead');
  let host: string;
  try {
    host = parseEndpoint(input.endpoint).host;
  } catch (err) {
    if (err instanceof TlabError) return refuse(err.oneLine());
    throw err;
  }
  const token = tokenRefusal(input.env, host);
  if (token !== undefined) return refuse(token);
  if (/sandbox/i.test(host)) {
    return refuse(
      `${input.endpoint} is the sandbox host: tlab live trades on the production host (leave --endpoint and TINVEST_ENDPOINT unset, or use tlab sandbox)`,
    );
  }
  const guards = guardRefusal(input.guards);
  if (guards !== undefined) return refuse(guards);
  const hashOf = input.strategySourceHash ?? registeredSourceHash;
  let now: string;
  try {
    now = hashOf(config.strategy);
  } catch (err) {
    if (err instanceof TlabError) return refuse(err.oneLine());
    throw err;
  }
  if (now !== config.strategySourceHash) {
    return refuse(
      `the source of ${config.strategy} changed since it was promoted (config ${config.strategySourceHash.slice(0, 12)}, code ${now.slice(0, 12)}): run the new code up the ladder again (backtest, sandbox, tlab promote)`,
    );
  }
  return { ok: true, config };
}
