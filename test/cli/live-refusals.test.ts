/**
 * @module `tlab live` through the real binary: each refusal is one line naming the fix, exit 2, and
 * nothing reaches the venue (a TCP server standing in for the host counts connections: none).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLiveConfig } from '../../src/app/promotion/live-config.ts';
import { liveConfig } from '../app/live-config-fixture.ts';
import { isOneLineError, runCli } from './run-cli.ts';

describe('tlab live refusals', () => {
  let server: Server;
  let connections = 0;
  let endpoint = '';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-live-refuse-'));
  const good = path.join(dir, 'live.json');
  const unguarded = path.join(dir, 'unguarded.json');
  const changed = path.join(dir, 'changed.json');
  writeFileSync(good, formatLiveConfig(liveConfig()));
  writeFileSync(
    unguarded,
    JSON.stringify({ ...liveConfig(), guards: { maxOrderValue: 1, maxPositionLots: 1 } }),
  );
  writeFileSync(changed, formatLiveConfig(liveConfig({ strategySourceHash: 'a'.repeat(64) })));

  beforeAll(async () => {
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    endpoint = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const prod = { TINKOFF_TOKEN_STRING: 't.production-token' };
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['no config', ['--confirm-live'], prod, /needs a promoted config/],
    ['no --confirm-live', ['--config', good], prod, /--confirm-live/],
    [
      'a sandbox token only',
      [
        '--config',
        good,
        '--confirm-live',
        '--endpoint',
        'sandbox-invest-public-api.tinkoff.ru:443',
      ],
      { SANDBOX_TOKEN_STRING: 't.sandbox-token' },
      /sandbox token/,
    ],
    [
      'the sandbox host',
      [
        '--config',
        good,
        '--confirm-live',
        '--endpoint',
        'sandbox-invest-public-api.tinkoff.ru:443',
      ],
      prod,
      /sandbox host/,
    ],
    ['guards unset', ['--config', unguarded, '--confirm-live'], prod, /maxDailyLoss/],
    [
      'a changed strategy source',
      ['--config', changed, '--confirm-live'],
      prod,
      /source of sma-cross changed/,
    ],
  ];

  for (const [name, args, env, pattern] of cases) {
    it(`refuses ${name} in one line, exit 2, nothing sent`, async () => {
      const at = args.includes('--endpoint') ? [] : ['--endpoint', endpoint];
      const r = await runCli(['live', ...at, ...args, '--db', path.join(dir, 'c.sqlite')], {
        env,
        timeoutMs: 30_000,
      });
      expect(r.code).toBe(2);
      expect(isOneLineError(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toContain('t.production-token');
      expect(connections).toBe(0);
    });
  }
});
