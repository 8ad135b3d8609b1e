/**
 * `tlab serve` as a user runs it: a child process that prints one address line, answers gRPC and
 * HTTP calls, and exits 0 on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { credentials } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  InstrumentsServiceClient,
  type SharesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { auth, call } from './helpers.ts';

describe('tlab serve', () => {
  it('prints its addresses, serves calls, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['bin/tlab.mjs', 'serve', '--port', '0', '--http-port', '0', '--token', 'cli-token'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    try {
      const m = /^grpc=(127\.0\.0\.1:\d+) http=(127\.0\.0\.1:\d+)$/.exec(first);
      expect(m, first).not.toBeNull();
      const client = new InstrumentsServiceClient(m![1], credentials.createInsecure());
      const shares = await call<object, SharesResponse>(client, 'shares', {}, auth('cli-token'));
      client.close();
      expect(shares.res?.instruments.length).toBeGreaterThan(3);
      const health = await fetch(`http://${m![2]}/healthz`);
      expect(health.status).toBe(200);
      const denied = await fetch(`http://${m![2]}/history-data?figi=BBG004730N88&year=2024`);
      expect(denied.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    lines.close();
  });
});
