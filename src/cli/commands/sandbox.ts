/**
 * @module `tlab sandbox`: a strategy on the live candle stream with its orders on a T-Invest sandbox
 * account (SANDBOX_TOKEN_STRING, the sandbox host), or on the in-process emulator's sandbox host
 * with `--emulator`. `--account new` opens and funds an account; otherwise `--account ID`.
 */
import { UsageError } from '../../core/errors.ts';
import { checkSandboxAccount, openFundedSandboxAccount } from '../../live/sandbox-account.ts';
import { liveCommand, type ModeVenue } from '../live/live-command.ts';
import { tinvestVenue } from '../live/tinvest-venue.ts';
import type { VenueLink } from '../live/venue-link.ts';

const DEFAULT_FUNDING = 1_000_000;

async function sandboxVenue(link: VenueLink, account: string, cash: number): Promise<ModeVenue> {
  if (!link.client.sandbox) {
    throw new UsageError(
      `tlab sandbox would trade on ${link.client.endpoint}, which is not a sandbox host`,
      'drop --endpoint to use the sandbox host, or pass --emulator',
    );
  }
  const accountId = account === 'new' ? await openFundedSandboxAccount(link.client, cash) : account;
  if (account !== 'new') await checkSandboxAccount(link.client, accountId);
  return tinvestVenue(link, accountId, true);
}

/** The `sandbox` command. */
export const sandboxCommand = liveCommand({
  mode: 'sandbox',
  command: 'sandbox',
  describe: 'Run a strategy on the live stream with orders on a sandbox account',
  sandboxHost: true,
  options: {
    account: {
      type: 'string',
      default: 'new',
      requiresArg: true,
      describe: 'Sandbox account id, or `new` to open one funded with --cash',
    },
  },
  examples: [
    [
      '$0 sandbox --strategy sma-cross --instrument SBER --interval 1m --emulator --replay-from 2024-10-02T07:00:00Z --speed 600 --for 2h',
      'orders on the in-process emulator sandbox host',
    ],
    [
      '$0 sandbox --strategy sma-cross --instrument SBER --interval 1m --account new',
      'on the T-Invest sandbox (SANDBOX_TOKEN_STRING)',
    ],
  ],
  // A resumed run trades on the account it recorded.
  venueBroker: (link, args, o, job) =>
    sandboxVenue(link, job.accountId ?? String(args.account ?? 'new'), o.cash ?? DEFAULT_FUNDING),
});
