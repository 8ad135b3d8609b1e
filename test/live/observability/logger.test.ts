/**
 * @module The pino live logger against the in-process emulator: the client's call lines land in a
 * --log-file as JSON with the venue's tracking id, LiveEvents become lines too, and the token never
 * appears in the file, however it was handed to the logger (message, field, nested, JSON-escaped).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import {
  createLiveLogger,
  eventLogger,
  pinoClientLogger,
} from '../../../src/live/observability/logger.ts';
import { TOKEN, clientFor, emulator } from '../../client/helpers.ts';

describe('live logger', () => {
  let emu: RunningEmulator;
  const dir = mkdtempSync(join(tmpdir(), 'tlab-log-'));
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the call line with its tracking id to the log file, and never the token', async () => {
    const logFile = join(dir, 'nested', 'run.log');
    const live = createLiveLogger({ logFile, secrets: [TOKEN], base: { runId: 'r1' } });
    const client = clientFor(emu, pinoClientLogger(live.logger));
    await client.getTradingStatus(emu.instruments[0].uid);
    await client.close();
    live.logger.warn({ token: TOKEN, nested: { note: `Bearer ${TOKEN}` } }, `oops ${TOKEN}`);
    eventLogger(live.logger)({ kind: 'guard-trip', time: Date.UTC(2024, 9, 2, 12), reason: TOKEN });
    live.flush();
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(TOKEN);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    const call = lines[0];
    expect(call).toMatchObject({
      level: 'info',
      src: 'client',
      runId: 'r1',
      method: 'MarketDataService/GetTradingStatus',
      status: 'OK',
      msg: 'MarketDataService/GetTradingStatus ok',
    });
    expect(call.trackingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[1]).toMatchObject({
      level: 'warn',
      token: '[redacted]',
      nested: { note: 'Bearer [redacted]' },
      msg: 'oops [redacted]',
    });
    expect(lines[2]).toMatchObject({
      level: 'warn',
      src: 'live',
      event: 'guard-trip',
      at: '2024-10-02T12:00:00.000Z',
      reason: '[redacted]',
    });
  });

  it('redacts a token that JSON escapes', () => {
    const secret = 'tok"en\\with-quotes';
    const logFile = join(dir, 'escaped.log');
    const live = createLiveLogger({ logFile, secrets: [secret] });
    live.logger.info({ field: secret }, `message ${secret}`);
    live.flush();
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(text)).toMatchObject({ field: '[redacted]', msg: 'message [redacted]' });
  });
});
