import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CandleQuery } from '../market/candle-query.ts';
import { SyntheticMarket } from '../market/synthetic-market.ts';
import { archiveLine, buildYearArchive } from './archive.ts';

const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';

describe('archive format', () => {
  it('writes uid;time;open;close;high;low;volume; like the real archive', () => {
    const c = {
      time: Date.UTC(2024, 8, 27, 20, 33),
      open: 268.05,
      high: 268.07,
      low: 268,
      close: 268,
      volume: 1629,
    };
    expect(archiveLine(SBER, c)).toBe(`${SBER};2024-09-27T20:33:00Z;268.05;268;268.07;268;1629;\n`);
  });

  it('leaves out the current day and answers null for a year without candles', () => {
    const q = new CandleQuery(new SyntheticMarket(1));
    const now = Date.UTC(2024, 0, 3, 9);
    const zip = buildYearArchive(q, SBER, 2024, now)!;
    expect(Object.keys(unzipSync(zip))).toEqual([`${SBER}_20240101.csv`, `${SBER}_20240102.csv`]);
    const text = new TextDecoder().decode(unzipSync(zip)[`${SBER}_20240102.csv`]);
    expect(text.split('\n')[0]).toBe(
      archiveLine(
        SBER,
        q.source.minuteCandles(SBER, Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3))[0],
      ).trimEnd(),
    );
    expect(buildYearArchive(q, SBER, 2017, now)).toBeNull();
    expect(buildYearArchive(q, SBER, 2024, Date.UTC(2024, 0, 1, 12))).toBeNull();
  });
});
