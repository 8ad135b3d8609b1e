/**
 * The emulator fed by a real candle cache (SQLite store): GetCandles and the archive serve exactly
 * the cached 1-minute candles, a replay streams them (with trades derived from them), and
 * `tlab serve --data FILE` starts on such a file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { credentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CandleStore } from '../../src/data/index.ts';
import { aggregate, ReplayClock, SyntheticMarket } from '../../src/emulator/index.ts';
import { StoreMarket } from '../../src/emulator/market/store-market.ts';
import { historicCandleToCore, streamCandleToCore } from '../../src/wire/convert/index.ts';
import {
  CandleInterval,
  MarketDataServiceClient,
  SubscriptionAction,
  SubscriptionInterval,
  type GetCandlesRequest,
  type GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { auth, call, harness, parseArchive, SBER, TOKEN, ts, type Harness } from './helpers.ts';
import { openStream } from './stream-helpers.ts';

const DAY = 86_400_000;
const MON = Date.UTC(2024, 8, 23);

let dir: string;
let file: string;
let store: CandleStore;
let h: Harness;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tlab-emu-'));
  file = path.join(dir, 'cache.sqlite');
  store = openStore(file);
  // Seed the cache with two days of another market (seed 9), so the data is recognisably its own.
  const source = new SyntheticMarket(9);
  const sber = source.instruments().find((i) => i.uid === SBER.uid)!;
  store.upsertInstrument(sber);
  const candles = source.minuteCandles(SBER.uid, MON, MON + 2 * DAY);
  store.upsertCandles(SBER.uid, '1m', candles, { from: MON, to: MON + 2 * DAY });
  h = await harness({ source: new StoreMarket(store), now: () => MON + 10 * DAY });
});

afterAll(async () => {
  await h.close();
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('emulator over a candle cache', () => {
  it('serves the cached instruments and candles, aggregated like the synthetic ones', async () => {
    expect(h.emu.instruments.map((i) => i.uid)).toEqual([SBER.uid]);
    const cached = store.readCandles(SBER.uid, '1m', MON, MON + DAY);
    const get = (interval: CandleInterval) =>
      call<GetCandlesRequest, GetCandlesResponse>(h.md, 'getCandles', {
        instrumentId: SBER.figi,
        interval,
        from: ts(MON),
        to: ts(MON + DAY),
      });
    const minutes = await get(CandleInterval.CANDLE_INTERVAL_1_MIN);
    expect(minutes.res!.candles.map(historicCandleToCore)).toEqual(cached);
    const hours = await get(CandleInterval.CANDLE_INTERVAL_HOUR);
    expect(hours.res!.candles.map(historicCandleToCore)).toEqual(aggregate(cached, '1h'));
  });

  it('builds the archive from the cache', async () => {
    const res = await fetch(`${h.emu.archiveUrl}?instrumentId=${SBER.uid}&year=2024`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const files = parseArchive(new Uint8Array(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual([`${SBER.uid}_20240923.csv`, `${SBER.uid}_20240924.csv`]);
    expect(files.get(`${SBER.uid}_20240924.csv`)!.candles).toEqual(
      store.readCandles(SBER.uid, '1m', MON + DAY, MON + 2 * DAY),
    );
  });

  it('is what tlab serve --data FILE serves', async () => {
    const child = spawn(
      process.execPath,
      ['bin/tlab.mjs', 'serve', '--port', '0', '--http-port', '0', '--data', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    try {
      const grpc = /^grpc=(\S+) http=\S+$/.exec(first)![1];
      const client = new MarketDataServiceClient(grpc, credentials.createInsecure());
      const out = await call<GetCandlesRequest, GetCandlesResponse>(
        client,
        'getCandles',
        {
          instrumentId: 'SBER_TQBR',
          interval: CandleInterval.CANDLE_INTERVAL_DAY,
          from: ts(MON),
          to: ts(MON + 7 * DAY),
        },
        auth('any'),
      );
      client.close();
      expect(out.res!.candles.map(historicCandleToCore)).toEqual(
        aggregate(store.readCandles(SBER.uid, '1m', MON, MON + 2 * DAY), '1d'),
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    lines.close();
  });
});

describe('a replayed candle cache', () => {
  it('streams the cached minutes as closed candles and trades derived from them', async () => {
    const clock = new ReplayClock(MON + 7 * 3_600_000);
    const r = await harness({ source: new StoreMarket(store), clock });
    const s = openStream(r.emu.grpcAddress);
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
      s.send({
        subscribeTradesRequest: {
          subscriptionAction: SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE,
          instruments: [{ instrumentId: SBER.uid }],
        },
      });
      await s.sync();
      clock.advanceTo(MON + 9 * 3_600_000);
      const got = await s.sync();
      const cached = store.readCandles(SBER.uid, '1m', MON + 7 * 3_600_000, MON + 9 * 3_600_000);
      expect(got.filter((m) => m.candle).map((m) => streamCandleToCore(m.candle!))).toEqual(cached);
      const lots = got.filter((m) => m.trade).reduce((n, m) => n + m.trade!.quantity, 0);
      expect(lots).toBe(cached.reduce((n, c) => n + c.volume, 0));
    } finally {
      s.close();
      await r.close();
    }
  });
});
