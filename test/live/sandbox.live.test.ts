/**
 * @module Opt-in checks against the real T-Invest sandbox (`npm run test:live`), skipped, saying
 * why, without SANDBOX_TOKEN_STRING (or SANDBOX_TOKEN_FILE): open an account, pay in, buy and sell
 * one lot of SBER through TinvestBroker, read the portfolio and the operations, close the account.
 * The buy and sell need the market open; outside trading hours that test skips with the status.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderUpdate } from '../../src/engine/ports/broker.ts';
import { TinvestBroker, clientFromConfig, resolveApiConfig } from '../../src/live/index.ts';
import type { TinvestClient } from '../../src/live/index.ts';
import { openFundedSandboxAccount } from '../../src/live/sandbox-account.ts';
import { msToTimestamp } from '../../src/wire/convert/timestamp.ts';
import { OperationType } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { SandboxServiceService as Sandbox } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';

const hasToken = Boolean(
  process.env.SANDBOX_TOKEN_STRING?.trim() || process.env.SANDBOX_TOKEN_FILE?.trim(),
);
const title = hasToken
  ? 'real T-Invest sandbox'
  : 'real T-Invest sandbox (skipped: set SANDBOX_TOKEN_STRING to run these tests)';

/** Resolves with the first terminal update of `orderId`. */
function terminal(updates: OrderUpdate[], orderId: string, ms: number): Promise<OrderUpdate> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const done = updates.find(
        (u) => u.orderId === orderId && u.status !== 'accepted' && u.status !== 'partially-filled',
      );
      if (done) return resolve(done);
      if (Date.now() > until) return reject(new Error(`order ${orderId} not done in ${ms} ms`));
      setTimeout(tick, 200);
    };
    tick();
  });
}

describe.skipIf(!hasToken)(title, () => {
  const client: TinvestClient | undefined = hasToken
    ? clientFromConfig(resolveApiConfig({ sandbox: true }))
    : undefined;
  let accountId: string | undefined;
  afterAll(async () => {
    if (accountId) await client!.raw.call(Sandbox.closeSandboxAccount, { accountId });
    await client?.close();
  });

  it('opens an account, buys and sells one lot, reads portfolio and operations', async (ctx) => {
    const from = Date.now() - 60_000;
    accountId = await openFundedSandboxAccount(client!, 100_000);
    const sber = await client!.shareBy({ idType: 'ticker', id: 'SBER', classCode: 'TQBR' });
    const status = await client!.getTradingStatus(sber.uid);
    if (!status.marketOrderAvailable) ctx.skip(`SBER is not trading now (${status.status})`);
    const updates: OrderUpdate[] = [];
    const broker = new TinvestBroker({
      client: client!,
      accountId,
      sandbox: true,
      instruments: [sber],
    });
    broker.setUpdateListener((u) => updates.push(u));
    await broker.start();
    try {
      const buy = broker.submit({ instrumentUid: sber.uid, side: 'buy', lots: 1, type: 'market' });
      expect(await terminal(updates, buy.orderId, 30_000)).toMatchObject({
        status: 'filled',
        lots: 1,
      });
      const portfolio = await client!.raw.call(Sandbox.getSandboxPortfolio, { accountId });
      const held = portfolio.positions.find((p) => p.instrumentUid === sber.uid);
      expect(held).toBeDefined();
      const sell = broker.submit({
        instrumentUid: sber.uid,
        side: 'sell',
        lots: 1,
        type: 'market',
      });
      expect(await terminal(updates, sell.orderId, 30_000)).toMatchObject({
        status: 'filled',
        lots: 1,
      });
    } finally {
      await broker.close();
    }
    const ops = await client!.raw.call(Sandbox.getSandboxOperations, {
      accountId,
      from: msToTimestamp(from),
      to: msToTimestamp(Date.now() + 60_000),
    });
    const kinds = ops.operations
      .filter((o) => o.instrumentUid === sber.uid)
      .map((o) => o.operationType);
    expect(kinds).toContain(OperationType.OPERATION_TYPE_BUY);
    expect(kinds).toContain(OperationType.OPERATION_TYPE_SELL);
  });
});
