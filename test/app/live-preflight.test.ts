// tlab live's refusals, one test each, in the order they are checked, and proof that a refused
// run opens no connection: the endpoint is a real loopback TCP server that counts connections.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLivePreflight, type LivePreflightInput } from '../../src/app/live-preflight.ts';
import { formatLiveConfig } from '../../src/app/promotion/live-config.ts';
import { liveConfig } from './live-config-fixture.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-preflight-'));
const PROD = 'invest-public-api.tinkoff.ru:443';
const PROD_ENV = { TINKOFF_TOKEN_STRING: 't.production-token' };

const configFile = path.join(dir, 'live-config.json');
writeFileSync(configFile, formatLiveConfig(liveConfig()));

const good = (over: Partial<LivePreflightInput> = {}): LivePreflightInput => ({
  configPath: configFile,
  confirmLive: true,
  env: PROD_ENV,
  endpoint: PROD,
  guards: true,
  ...over,
});

function refusal(input: LivePreflightInput): string {
  const r = checkLivePreflight(input);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.refusal).not.toContain('\n');
  expect(r.refusal).not.toContain('t.production-token');
  return r.refusal;
}

describe('checkLivePreflight', () => {
  it('passes with every guard in place and returns the config', () => {
    const r = checkLivePreflight(good());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.accountId).toBe('2000123456');
  });

  it('refuses without a promoted config, naming tlab promote', () => {
    expect(refusal(good({ configPath: undefined }))).toMatch(
      /needs a promoted config: run tlab promote --from sandbox/,
    );
    expect(refusal(good({ configPath: path.join(dir, 'absent.json') }))).toMatch(
      /cannot read the live config .*absent.json \(ENOENT\)/,
    );
    const notPromoted = path.join(dir, 'hand-written.json');
    writeFileSync(notPromoted, JSON.stringify({ ...liveConfig(), promotedFrom: undefined }));
    expect(refusal(good({ configPath: notPromoted }))).toMatch(
      /is not a promoted config at promotedFrom/,
    );
    const noGuards = path.join(dir, 'no-guards.json');
    writeFileSync(noGuards, JSON.stringify({ ...liveConfig(), guards: { maxOrderValue: 1 } }));
    expect(refusal(good({ configPath: noGuards }))).toMatch(/at guards.maxPositionLots/);
  });

  it('refuses without --confirm-live', () => {
    expect(refusal(good({ confirmLive: false }))).toMatch(/pass --confirm-live/);
  });

  it('refuses a sandbox token, alone or in the production variable', () => {
    expect(refusal(good({ env: { SANDBOX_TOKEN_STRING: 't.sandbox' } }))).toMatch(
      /only a sandbox token .* needs TINKOFF_TOKEN_STRING/,
    );
    expect(
      refusal(good({ env: { TINKOFF_TOKEN_STRING: 't.same', SANDBOX_TOKEN_STRING: 't.same' } })),
    ).toMatch(/TINKOFF_TOKEN_STRING holds the sandbox token/);
    expect(refusal(good({ env: {} }))).toMatch(/no production token: set TINKOFF_TOKEN_STRING/);
  });

  it('refuses the sandbox host', () => {
    for (const host of [
      'sandbox-invest-public-api.tinkoff.ru:443',
      'sandbox-invest-public-api.tbank.ru:443',
    ]) {
      expect(refusal(good({ endpoint: host }))).toMatch(/is the sandbox host/);
    }
  });

  it('refuses unarmed risk guards, naming the unset ones when the guards can tell', () => {
    expect(refusal(good({ guards: false }))).toMatch(
      /risk guards are not armed: set guards.maxOrderValue/,
    );
    const guards = { armed: () => false, missing: () => ['max-daily-loss', 'kill-switch'] };
    expect(refusal(good({ guards }))).toMatch(/not armed \(unset: max-daily-loss, kill-switch\)/);
  });

  it('refuses when the strategy source differs from the promoted one', () => {
    const changed = () => 'b'.repeat(64);
    expect(refusal(good({ strategySourceHash: changed }))).toMatch(
      /source of sma-cross changed since it was promoted \(config [0-9a-f]{12}, code bbbbbbbbbbbb\)/,
    );
    const gone = path.join(dir, 'gone.json');
    writeFileSync(gone, formatLiveConfig(liveConfig({ strategy: 'no-such-strategy' })));
    expect(refusal(good({ configPath: gone }))).toMatch(/unknown strategy 'no-such-strategy'/);
  });

  describe('against a real loopback endpoint', () => {
    let server: Server;
    let connections = 0;
    let endpoint = '';
    beforeAll(async () => {
      server = createServer((s) => {
        connections++;
        s.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const a = server.address();
      endpoint = `127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('opens no connection for any refusal (the checks run before any client exists)', async () => {
      const cases: Partial<LivePreflightInput>[] = [
        { configPath: undefined },
        { confirmLive: false },
        { guards: false },
        { strategySourceHash: () => 'c'.repeat(64) },
      ];
      for (const c of cases) expect(checkLivePreflight(good({ endpoint, ...c })).ok).toBe(false);
      // A loopback endpoint is the emulator: the dev token stands in for a production one there.
      expect(checkLivePreflight(good({ endpoint, env: {} })).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(connections).toBe(0);
    });
  });
});
