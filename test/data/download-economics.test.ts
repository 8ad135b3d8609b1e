/**
 * `downloadHistory` for every kind, through our client against the emulator into a real SQLite
 * cache: the future's spec and one margin read, the bond's spec and coupons (the one accruing at
 * the range's end included), the share's dividends, the currency's pair; then loadEconomics reads
 * the slice a backtest of the range needs. Figures as the emulator's universe defines them (see
 * test/emulator/instruments-kinds.test.ts for how each is worked out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CandleStore } from '../../src/data/index.ts';
import { loadEconomics } from '../../src/data/load-economics.ts';
import type { DownloadSummary } from '../../src/data/download/downloader.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import type { TinvestClient } from '../../src/live/index.ts';
import { download, fastClient } from '../download/helpers.ts';

const NOW = Date.UTC(2024, 9, 2, 12, 0, 0);
const D = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const FROM = D(2024, 6, 1);
const TO = D(2024, 8, 1);
const DAY = 86_400_000;

let emu: RunningEmulator;
let client: TinvestClient;
let store: CandleStore;
let summary: DownloadSummary;

beforeAll(async () => {
  emu = await startEmulator({ now: () => NOW, limits: { enabled: false } });
  client = fastClient(emu);
  store = openStore(':memory:');
  summary = await download(client, store, {
    instruments: 'SiU4@SPBFUT,SU26238RMFS4@TQOB,SBER,USD000UTSTOM@CETS',
    intervals: ['1d'],
    range: { from: FROM, to: TO },
    source: 'candles',
    now: NOW,
  });
});
afterAll(async () => {
  store?.close();
  await client?.close();
  await emu?.stop();
});

describe('download of every kind', () => {
  it('stores each kind with its spec, and its candles', () => {
    const byTicker = new Map(store.listInstruments().map((i) => [i.ticker, i]));
    expect(byTicker.get('SiU4')?.futures).toMatchObject({ basicAsset: 'USD', minPriceIncrementAmount: 1 });
    expect(byTicker.get('SiU4')?.futures?.margin).toEqual({
      initialMarginOnBuy: 14285.63,
      initialMarginOnSell: 14285.63,
      readAt: NOW,
    });
    expect(byTicker.get('SU26238RMFS4')?.bond).toMatchObject({ nominal: 1000, couponsPerYear: 2 });
    expect(byTicker.get('USD000UTSTOM')?.currencyPair).toEqual({ isoCurrencyName: 'usd', nominal: 1 });
    // June 2024 has 20 weekdays, July 23: 43 daily candles per instrument.
    expect(summary.series.map((s) => [s.instrument, s.candles])).toEqual([
      ['SiU4', 43],
      ['SU26238RMFS4', 43],
      ['SBER', 43],
      ['USD000UTSTOM', 43],
    ]);
    // SBER's 2024-07-11 dividend; OFZ coupons asked for a year past the range: 6 (2024-06-05),
    // 7 (2024-12-04, accruing at the end) and 8 (2025-06-04).
    expect(summary.economics).toEqual({ dividends: 1, coupons: 3, margins: 1 });
  });

  it('gives loadEconomics the range slice: dividend, coupons paid and accruing, the margin read', () => {
    const uids = store.listInstruments().map((i) => i.uid);
    const e = loadEconomics(store, uids, FROM, TO);
    expect(e.missing).toEqual([]);
    expect(e.dividends.map((d) => [d.recordDate, d.perShare])).toEqual([[D(2024, 7, 11), 33.3]]);
    expect(e.coupons.map((c) => [c.number, c.couponDate, c.perBond])).toEqual([
      [6, D(2024, 6, 5), 35.4],
      [7, D(2024, 12, 4), 35.4],
    ]);
    expect(e.margins.map((m) => [m.initialMarginOnBuy, m.readAt])).toEqual([[14285.63, NOW]]);
  });

  it('a second download the same day asks for nothing again; the next day reads the margin anew', async () => {
    const asked = () => {
      const c = emu.stats.callsByMethod as Record<string, number>;
      return ['GetDividends', 'GetBondCoupons', 'GetFuturesMargin'].map((m) => c[`InstrumentsService/${m}`] ?? c[m] ?? 0);
    };
    const again = (now: number) =>
      download(client, store, {
        instruments: 'SiU4@SPBFUT,SU26238RMFS4@TQOB,SBER',
        intervals: ['1d'],
        range: { from: FROM, to: TO },
        source: 'candles',
        now,
      });
    const before = asked();
    expect(before.every((n) => n > 0)).toBe(true);
    const same = await again(NOW + 60_000);
    expect(same.economics).toEqual({ dividends: 0, coupons: 0, margins: 0 });
    expect(asked()).toEqual(before);
    const next = await again(NOW + DAY);
    expect(next.economics).toEqual({ dividends: 0, coupons: 0, margins: 1 });
    expect(asked()).toEqual([before[0], before[1], before[2] + 1]);
    const e = loadEconomics(store, store.listInstruments().map((i) => i.uid), FROM, TO);
    expect(e.dividends).toHaveLength(1);
    expect(e.coupons).toHaveLength(2);
    expect(e.margins.map((m) => m.readAt)).toEqual([NOW, NOW + DAY]);
  });
});
