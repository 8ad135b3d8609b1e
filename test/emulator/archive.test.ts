/**
 * The history archive over HTTP: the zip parsed back equals GetCandles for each day, the real file
 * and line format, and the status codes (401, 404, 429, 400).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historicCandleToCore } from '../../src/wire/convert/index.ts';
import {
  CandleInterval,
  type GetCandlesRequest,
  type GetCandlesResponse,
} from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { call, harness, parseArchive, SBER, TOKEN, ts, type Harness } from './helpers.ts';

const DAY = 86_400_000;
/** Wednesday 2024-01-10, noon: the 2024 archive holds Jan 1-9 (weekdays), not the 10th. */
const NOW = Date.UTC(2024, 0, 10, 12);

let h: Harness;
beforeAll(async () => {
  h = await harness({ now: () => NOW, limits: { perService: { archive: 12 } } });
});
afterAll(() => h.close());

const get = (query: string, token: string | null = TOKEN) =>
  fetch(`${h.emu.archiveUrl}?${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

describe('history archive', () => {
  it('zips one CSV per past trading day that parses back to the GetCandles candles', async () => {
    const res = await get(`instrumentId=${SBER.uid}&year=2024`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('x-tracking-id')).toBeTruthy();
    const zip = new Uint8Array(await res.arrayBuffer());
    const files = parseArchive(zip);
    expect([...files.keys()]).toEqual(
      ['01', '02', '03', '04', '05', '08', '09'].map((d) => `${SBER.uid}_202401${d}.csv`),
    );
    for (const [name, { uid, candles }] of files) {
      expect(uid).toBe(SBER.uid);
      const day = Date.UTC(2024, 0, Number(name.slice(-6, -4)));
      const viaGrpc = await call<GetCandlesRequest, GetCandlesResponse>(h.md, 'getCandles', {
        instrumentId: SBER.figi,
        interval: CandleInterval.CANDLE_INTERVAL_1_MIN,
        from: ts(day),
        to: ts(day + DAY),
      });
      expect(candles).toEqual(viaGrpc.res!.candles.map(historicCandleToCore));
    }
  });

  it('writes lines as uid;time;open;close;high;low;volume; with plain decimals', async () => {
    const res = await get(`figi=${SBER.figi}&year=2024`);
    const { unzipSync } = await import('fflate');
    const text = new TextDecoder().decode(
      Object.values(unzipSync(new Uint8Array(await res.arrayBuffer())))[0],
    );
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    const line = /^[0-9a-f-]{36};\d{4}-\d\d-\d\dT\d\d:\d\d:00Z;(\d+(\.\d*[1-9])?;){4}[1-9]\d*;$/;
    expect(lines.slice(0, -1).filter((l) => !line.test(l))).toEqual([]);
    const [, , open, close, high, low] = lines[0].split(';').map(Number);
    expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
    expect(low).toBeLessThanOrEqual(Math.min(open, close));
  });

  it('gives the same bytes from two instances with the same seed', async () => {
    const other = await harness({ now: () => NOW });
    try {
      const a = await (await get(`instrument_id=${SBER.uid}&year=2024`)).arrayBuffer();
      const b = await (
        await fetch(`${other.emu.archiveUrl}?instrument_id=${SBER.uid}&year=2024`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).arrayBuffer();
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('answers 401 without a valid token, 404 without data, 400 on a bad year', async () => {
    expect((await get(`instrumentId=${SBER.uid}&year=2024`, null)).status).toBe(401);
    expect((await get(`instrumentId=${SBER.uid}&year=2024`, 'wrong')).status).toBe(401);
    expect((await get(`instrumentId=BBG000000000&year=2024`)).status).toBe(404);
    expect((await get(`instrumentId=${SBER.uid}&year=2017`)).status).toBe(404);
    expect((await get(`instrumentId=${SBER.uid}&year=2025`)).status).toBe(404);
    expect((await get(`instrumentId=${SBER.uid}&year=20x4`)).status).toBe(400);
    expect((await fetch(`${h.emu.httpUrl}/healthz`)).status).toBe(200);
  });

  it('answers 429 with x-ratelimit-reset over the per-window limit', async () => {
    const limited = await harness({ now: () => NOW, limits: { perService: { archive: 2 } } });
    try {
      const hit = () =>
        fetch(`${limited.emu.archiveUrl}?instrumentId=${SBER.uid}&year=2017`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
      expect((await hit()).status).toBe(404);
      const second = await hit();
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      const third = await hit();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(third.headers.get('x-ratelimit-limit')).toBe('2, 2;w=60');
      expect(limited.emu.stats.archiveRequests).toBe(3);
    } finally {
      await limited.close();
    }
  });
});
