/**
 * `tlab serve --replay-from ... --speed ...` as a user runs it: a child process whose venue clock
 * replays the session at 6000x, streaming closed candles in order that equal GetCandles; a fault
 * switched on from the command line; and usage errors for clock flags that do not fit together.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { credentials, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  historicCandleToCore,
  streamCandleToCore,
  timestampToMs,
} from '../../src/wire/convert/index.ts';
import {
  CandleInterval,
  MarketDataServiceClient,
  SubscriptionAction,
  SubscriptionInterval,
  type GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { auth, call, SBER, ts } from './helpers.ts';
import { openStream } from './stream-helpers.ts';

const WED = Date.UTC(2024, 9, 2);

async function serve(args: string[]) {
  const child = spawn(
    process.execPath,
    ['bin/tlab.mjs', 'serve', '--port', '0', '--http-port', '0', '--token', 'test-token', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
  });
  const address = /^grpc=(\S+) /.exec(first)![1];
  return {
    address,
    stop: async () => {
      child.kill('SIGTERM');
      lines.close();
      return exited;
    },
  };
}

describe('tlab serve --replay-from', () => {
  it('replays at --speed 6000: closed candles stream in order and equal GetCandles', async () => {
    const venue = await serve(['--replay-from', '2024-10-02T15:00:00Z', '--speed', '6000']);
    const s = openStream(venue.address);
    try {
      s.send({
        subscribeCandlesRequest: {
          subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          waitingClose: true,
          instruments: [
            {
              instrumentId: SBER.uid,
              interval: SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE,
            },
          ],
        },
      });
      const lastOpen = WED + 15 * 3_600_000 + 39 * 60_000;
      await s.next((m) => timestampToMs(m.candle?.time) === lastOpen, 15_000);
      const streamed = s.messages.filter((m) => m.candle).map((m) => streamCandleToCore(m.candle!));
      const md = new MarketDataServiceClient(venue.address, credentials.createInsecure());
      const r = await call<object, GetCandlesResponse>(
        md,
        'getCandles',
        {
          instrumentId: SBER.uid,
          from: ts(streamed[0].time),
          to: ts(lastOpen + 60_000),
          interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
        },
        auth(),
      );
      md.close();
      expect(streamed.length).toBeGreaterThan(10);
      expect(streamed).toEqual(r.res!.candles.map(historicCandleToCore));
    } finally {
      s.close();
      expect(await venue.stop()).toBe(0);
    }
  });

  it('switches a stream fault on from the command line', async () => {
    const venue = await serve([
      '--replay-from',
      '2024-10-02T12:00Z',
      '--speed',
      '600',
      '--fault',
      'drop-stream-after=3',
    ]);
    const s = openStream(venue.address);
    try {
      s.send({
        subscribeTradesRequest: {
          subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          instruments: [{ instrumentId: SBER.uid }],
        },
      });
      const err = await s.closed(10_000);
      expect(err?.code).toBe(status.UNAVAILABLE);
      expect(s.messages).toHaveLength(3);
    } finally {
      s.close();
      await venue.stop();
    }
  });

  it('refuses clock and fault flags that do not fit, with exit code 2', () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['bin/tlab.mjs', 'serve', '--port', '0', '--http-port', '0', ...args],
        { encoding: 'utf8' },
      );
    const cases: [string[], RegExp][] = [
      [['--speed', '10'], /--speed needs --replay-from/],
      [['--replay-from', '2024-10-02', '--realtime'], /exclude each other/],
      [['--replay-from', 'yesterday'], /--replay-from 'yesterday' is not an ISO date/],
      [['--replay-from', '2024-10-02', '--speed', '0'], /--speed 0 is not a positive number/],
      [['--fault', 'explode=1'], /unknown fault 'explode'/],
      [['--fault', 'drop-stream-after=x'], /'x' is not a whole number/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
