/**
 * @module Soak of a whole live session: `tlab sandbox`'s composition (GrpcStreamFeed, kernel, risk
 * guards, journal, TinvestBroker) on the emulator's sandbox host replaying a trading week at
 * 30000x, every stream dropped after 300 messages and, every 1.5 s of real time, every stream
 * stalled. It reports the candles the strategy received against GetCandles over the window (lost and
 * duplicated, both must be 0), the orders sent against the trade operations the venue booked
 * (duplicated must be 0), the reconnects, the heap after a full GC at start and end, and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { candleAt } from '../src/core/candle.ts';
import { runLiveSession } from '../src/cli/live/live-session.ts';
import { tinvestVenue } from '../src/cli/live/tinvest-venue.ts';
import { openVenueLink } from '../src/cli/live/venue-link.ts';
import { openJournal } from '../src/data/journal/open-journal.ts';
import { JournalFeed } from '../src/data/journal/journal-feed.ts';
import { openStore } from '../src/data/index.ts';
import { openFundedSandboxAccount } from '../src/live/sandbox-account.ts';
import { msToTimestamp } from '../src/wire/convert/timestamp.ts';
import { SandboxServiceService as Sandbox } from '../src/wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import { OperationType } from '../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import type { BenchResult } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2024-09-30 06:00 UTC. */
const START = Date.UTC(2024, 8, 30, 6);

const heapMB = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-session-soak-'));
  const link = await openVenueLink({
    emulator: true,
    replay: { from: START, speed: 30_000 },
    sandboxHost: true,
    emulatorTuning: {
      emulator: { streams: { minPingDelayMs: 10 }, limits: { enabled: false } },
      client: { rateLimit: { enabled: false }, retry: { initialDelayMs: 20, maxDelayMs: 200 } },
    },
  });
  const emu = link.emulator!;
  const { client } = link;
  const store = openStore(path.join(dir, 'cache.sqlite'));
  const journal = openJournal(path.join(dir, 'runs.sqlite'));
  const accountId = await openFundedSandboxAccount(client, 10_000_000);
  // At 30000x the default 15 s stall bound of TradesStream would be 125 venue hours: scale it down.
  const venue = tinvestVenue(link, accountId, true, {
    stream: { stallMs: 1000, reconnectInitialMs: 50, reconnectMaxMs: 400 },
    pollIntervalMs: 50,
  });
  const heapStart = heapMB();
  emu.faults.dropStreamAfter = 300;
  const stalls = setInterval(() => emu.stallStreams(), 1500);
  const live = await runLiveSession(
    {
      mode: 'sandbox',
      strategy: 'sma-cross',
      params: { fast: 3, slow: 8 },
      instruments: [{ kind: 'ticker', ticker: 'SBER' }],
      intervals: ['1m'],
      warmupMs: HOUR,
      forMs: 4 * 24 * HOUR + 15 * HOUR,
      models: {},
      allowShort: false,
      guards: { maxOrderValue: 1e6, maxPositionLots: 10 },
      venueBroker: venue.make,
      accountId,
      feed: { pingDelayMs: 40, deadAfterMs: 160 },
    },
    { link, store, journal },
  );
  clearInterval(stalls);
  emu.faults.dropStreamAfter = undefined;
  const heapEnd = heapMB();
  const { window } = live;
  const uid = live.instruments[0].uid;
  const got: number[] = [];
  for (const b of new JournalFeed(journal.db, live.runId).read(
    { instrumentUid: uid, interval: '1m' },
    { from: window.warmFrom, to: window.to },
  )) {
    for (let i = 0; i < b.length; i++) got.push(candleAt(b, i).time);
  }
  const want: number[] = [];
  for (let t = window.warmFrom; t < window.to; t += 24 * HOUR) {
    const day = await client.getCandles({
      instrumentId: uid,
      interval: '1m',
      from: t,
      to: Math.min(t + 24 * HOUR, window.to),
    });
    want.push(...day.map((c) => c.time));
  }
  const seen = new Set(got);
  const ops = await client.raw.call(Sandbox.getSandboxOperations, {
    accountId,
    from: msToTimestamp(window.warmFrom),
    to: msToTimestamp(emu.clock.now() + HOUR),
  });
  const trades = ops.operations.filter(
    (o) =>
      o.instrumentUid === uid &&
      (o.operationType === OperationType.OPERATION_TYPE_BUY ||
        o.operationType === OperationType.OPERATION_TYPE_SELL),
  ).length;
  await venue.close();
  journal.close();
  store.close();
  await link.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: 'live session soak: a replayed week, sandbox, drops + stalls',
      candles: got.length,
      candlesLost: want.filter((t) => !seen.has(t)).length,
      candlesDuplicated: got.length - seen.size,
      ordersSent: live.counters.ordersSent,
      fills: live.result.fills.length,
      venueTradeOperations: trades,
      ordersDuplicated: Math.max(0, trades - live.result.fills.length),
      reconnects: live.counters.reconnects,
      streamDeaths: live.counters.streamDeaths,
      heapStartMB: Math.round(heapStart * 10) / 10,
      heapEndMB: Math.round(heapEnd * 10) / 10,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      rejected: live.result.rejections?.total ?? 0,
      events: JSON.stringify(live.counters.events),
    },
  ];
}
