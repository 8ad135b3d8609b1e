/**
 * @module Sandbox accounts for `tlab sandbox`: open one and pay roubles in (`--account new`), or
 * check that a given account exists on the sandbox host, through our client's policies.
 */
import { UsageError } from '../core/errors.ts';
import { SandboxServiceService as Sandbox } from '../wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { stringToQuotation } from '../wire/convert/quotation.ts';
import type { TinvestClient } from './client/tinvest-client.ts';

/** Opens a sandbox account and pays `rub` roubles in; returns its id. */
export async function openFundedSandboxAccount(
  client: TinvestClient,
  rub: number,
): Promise<string> {
  const { accountId } = await client.raw.call(Sandbox.openSandboxAccount, { name: 'tinvest-lab' });
  await client.raw.call(Sandbox.sandboxPayIn, {
    accountId,
    amount: { currency: 'rub', ...stringToQuotation(rub.toFixed(2)) },
  });
  return accountId;
}

/** Refuses an account id the sandbox host does not list. */
export async function checkSandboxAccount(client: TinvestClient, accountId: string): Promise<void> {
  const { accounts } = await client.raw.call(Sandbox.getSandboxAccounts, {});
  if (!accounts.some((a) => a.id === accountId)) {
    throw new UsageError(
      `sandbox account ${accountId} does not exist on ${client.endpoint}`,
      'pass --account new to open and fund one, or an id from the sandbox accounts list',
    );
  }
}
