/**
 * @module TradingSchedules end to end: our client asks the in-process emulator and gets core
 * TradingDays whose sessions are the emulator's phases (hand-written UTC times below), weekends
 * closed, and the API's errors for an unknown venue and a reversed period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { TinkoffApiError } from '../../src/live/index.ts';
import { clientFor, emulator, failure, recordingLogger } from './helpers.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.stop();
});

const at = (d: number, h: number, m: number) => Date.UTC(2025, 2, d, h, m);

describe('TradingSchedules through the client', () => {
  it('gives the MOEX days of a week: sessions on weekdays, closed at the weekend', async () => {
    const c = clientFor(emu, recordingLogger());
    try {
      // Friday 2025-03-07 to Monday 2025-03-10.
      const days = await c.tradingSchedules('MOEX', { from: at(7, 0, 0), to: at(10, 12, 0) });
      expect(
        days.map((d) => [d.exchange, new Date(d.date).toISOString().slice(0, 10), d.isTradingDay]),
      ).toEqual([
        ['MOEX', '2025-03-07', true],
        ['MOEX', '2025-03-08', false],
        ['MOEX', '2025-03-09', false],
        ['MOEX', '2025-03-10', true],
      ]);
      expect(days[0].sessions).toEqual([
        { kind: 'opening', start: at(7, 6, 50), end: at(7, 7, 0) },
        { kind: 'main', start: at(7, 7, 0), end: at(7, 15, 50) },
        { kind: 'evening', start: at(7, 16, 0), end: at(7, 20, 50) },
      ]);
      expect(days[1].sessions).toEqual([]);
      // Without an exchange every venue of the emulator's instruments is listed.
      const all = await c.tradingSchedules(undefined, { from: at(7, 0, 0), to: at(7, 1, 0) });
      expect(new Set(all.map((d) => d.exchange))).toEqual(
        new Set(emu.instruments.map((i) => i.exchange)),
      );
    } finally {
      await c.close();
    }
  });

  it('answers an unknown venue with NOT_FOUND 50001 and a reversed period with 30012', async () => {
    const c = clientFor(emu, recordingLogger());
    try {
      const unknown = await failure(
        c.tradingSchedules('NOWHERE', { from: at(7, 0, 0), to: at(8, 0, 0) }),
      );
      expect(unknown).toBeInstanceOf(TinkoffApiError);
      expect((unknown as TinkoffApiError).grpcCode).toBe(status.NOT_FOUND);
      expect((unknown as TinkoffApiError).apiCode).toBe(50001);
      const reversed = await failure(
        c.tradingSchedules('MOEX', { from: at(8, 0, 0), to: at(7, 0, 0) }),
      );
      expect((reversed as TinkoffApiError).apiCode).toBe(30012);
    } finally {
      await c.close();
    }
  });
});
