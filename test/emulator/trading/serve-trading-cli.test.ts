/**
 * `tlab serve` with the order-side options as a user runs it: `--state` survives a restart,
 * `--fault` switches act from the start, and bad values exit 2 with one line naming the fix.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { GetOrdersResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { GetAccountsResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { auth, call } from '../helpers.ts';
import { orderRequest } from './order-helpers.ts';
import { clientsFor } from './venue-harness.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-serve-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(extra: string[]) {
  const child = spawn(
    process.execPath,
    ['bin/tlab.mjs', 'serve', '--port', '0', '--http-port', '0', '--token', 'cli', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const m = /^grpc=(\S+) http=\S+ sandbox=(\S+)$/.exec(first);
  expect(m, first).not.toBeNull();
  return {
    grpc: m![1],
    sandbox: m![2],
    stop: async () => {
      child.kill('SIGTERM');
      lines.close();
      return exited;
    },
  };
}

describe('tlab serve --state / --fault', () => {
  it('remembers orders across a restart and applies --fault from the start', async () => {
    const state = path.join(dir, 'venue.sqlite');
    const a = await serve(['--state', state, '--sandbox-port', '0', '--fault', 'internal-error=1']);
    const c = clientsFor(a.grpc);
    let accountId = '';
    try {
      const accs = await call<object, GetAccountsResponse>(c.users, 'getAccounts', {}, auth('cli'));
      expect(accs.res?.accounts).toHaveLength(1);
      // The server runs on the wall clock, so the session may be closed: the sandbox host takes
      // orders at any hour, and a limit at 1.00 rests.
      const sbx = clientsFor(a.sandbox);
      const opened = await call<object, { accountId: string }>(
        sbx.sandbox,
        'openSandboxAccount',
        {},
        auth('cli'),
      );
      accountId = opened.res!.accountId;
      await call(
        sbx.sandbox,
        'sandboxPayIn',
        { accountId, amount: { currency: 'rub', units: 1_000_000, nano: 0 } },
        auth('cli'),
      );
      const r = await call(
        sbx.orders,
        'postOrder',
        orderRequest(accountId, { dir: 'buy', lots: 1, price: '1.00' }),
        auth('cli'),
      );
      expect(r.err?.details).toBe('70002');
      for (const x of Object.values(sbx)) x.close();
    } finally {
      for (const x of Object.values(c)) x.close();
      expect(await a.stop()).toBe(0);
    }
    const b = await serve(['--state', state, '--sandbox-port', '0']);
    const sbx = clientsFor(b.sandbox);
    try {
      const orders = await call<object, GetOrdersResponse>(
        sbx.orders,
        'getOrders',
        { accountId },
        auth('cli'),
      );
      expect(orders.res?.orders).toHaveLength(1);
      expect(orders.res?.orders[0].lotsRequested).toBe(1);
    } finally {
      for (const x of Object.values(sbx)) x.close();
      expect(await b.stop()).toBe(0);
    }
  }, 30_000);

  it('exits 2 with one line for an unknown --fault', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/tlab.mjs', 'serve', '--port', '0', '--fault', 'bogus'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/--fault bogus/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
