// trades.csv and equity.csv: exact headers, ISO 8601 UTC times, plain decimals, atomic writes, and
// a long equity file written in chunks (the million-row case runs in html.test.ts through writeReport).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/core/time.ts';
import type { EquityCurve, RoundTrip } from '../../src/engine/result.ts';
import { writeAtomically } from '../../src/report/atomic-file.ts';
import { formatTradesCsv, writeEquityCsv, writeTradesCsv } from '../../src/report/csv.ts';
import { makeCandles, makeResult } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tlab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const PLAIN = /^-?\d+(\.\d+)?$/;

describe('trades.csv', () => {
  const result = makeResult(makeCandles(300));

  it('has the exact header, one row per round trip, ISO times and plain decimals', () => {
    const path = join(dir, 'trades.csv');
    writeTradesCsv(path, result.trades);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(
      'instrument,side,lots,entry_time,entry_price,exit_time,exit_price,pnl,commission',
    );
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows).toHaveLength(result.trades.length);
    for (const r of rows) {
      expect(r).toHaveLength(9);
      expect(r[3]).toMatch(ISO);
      expect(r[5]).toMatch(ISO);
      for (const i of [2, 4, 6, 7, 8]) expect(r[i]).toMatch(PLAIN);
    }
    expect(rows[0]).toEqual([
      'SBER',
      'long',
      '2',
      '2024-01-08T17:00:00Z',
      '252.95',
      '2024-01-09T23:00:00Z',
      '240.31',
      '-257.7326',
      '4.9326',
    ]);
  });

  it('prints tiny and huge numbers without exponents and quotes awkward tickers', () => {
    const t: RoundTrip = {
      instrument: 'A,"B"',
      instrumentUid: 'u',
      side: 'short',
      lots: 1e6,
      entryTime: Date.UTC(2024, 1, 29, 23, 59),
      entryPrice: 1e-7,
      exitTime: Date.UTC(2024, 2, 1),
      exitPrice: 2.5e-7,
      pnl: 1.23456789e21,
      commission: 4e-9,
    };
    const row = formatTradesCsv([t]).split('\n')[1];
    expect(row).toBe(
      '"A,""B""",short,1000000,2024-02-29T23:59:00Z,0.0000001,2024-03-01T00:00:00Z,0.00000025,1234567890000000000000,0',
    );
  });

  it('is the same bytes for the same trades', () => {
    expect(formatTradesCsv(result.trades)).toBe(
      formatTradesCsv(makeResult(makeCandles(300)).trades),
    );
  });
});

describe('equity.csv', () => {
  it('has a time,equity row at every candle close, keyed by open time', () => {
    const result = makeResult(makeCandles(300));
    const path = join(dir, 'equity.csv');
    writeEquityCsv(path, result.equity);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('time,equity');
    expect(lines).toHaveLength(301);
    expect(lines[1]).toBe('2024-01-08T07:00:00Z,100000');
    const [time, equity] = lines[300].split(',');
    expect(time).toBe('2024-01-20T18:00:00Z');
    expect(Number(equity)).toBeCloseTo(result.metrics.finalEquity, 6);
    expect(equity).toMatch(PLAIN);
  });

  it('prints every time exactly as isoUtc does, at day edges, before 1970 and with milliseconds', () => {
    const times = [
      Date.UTC(1969, 11, 31, 23, 59, 59),
      0,
      999,
      86_399_000,
      86_400_000,
      Date.UTC(2024, 1, 29, 23, 59),
      Date.UTC(2024, 2, 1),
      Date.UTC(2024, 0, 1, 12),
      1.5e12 + 123,
    ];
    const curve: EquityCurve = {
      time: Float64Array.from(times),
      equity: Float64Array.from(times, (_, i) => i),
      benchmark: new Float64Array(times.length),
    };
    const path = join(dir, 'edge-equity.csv');
    writeEquityCsv(path, curve);
    const got = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(got).toEqual(times.map(isoUtc));
  });

  it('streams 200,000 rows to disk and leaves no temporary files', () => {
    const n = 200_000;
    const t0 = Date.UTC(2020, 0, 1);
    const curve: EquityCurve = {
      time: Float64Array.from({ length: n }, (_, i) => t0 + i * 60_000),
      equity: Float64Array.from({ length: n }, (_, i) => 1e6 + i * 0.01),
      benchmark: new Float64Array(n),
    };
    const path = join(dir, 'big-equity.csv');
    writeEquityCsv(path, curve);
    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(n + 1);
    expect(lines[n]).toBe('2020-05-18T21:19:00Z,1001999.99');
    expect(statSync(path).size).toBe(Buffer.byteLength(text));
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('atomic writes', () => {
  it('leave the old file untouched and no temp file when writing fails half-way', () => {
    const path = join(dir, 'atomic.txt');
    writeAtomically(path, (out) => out.write('old\n'));
    expect(() =>
      writeAtomically(path, (out) => {
        out.write('x'.repeat(200_000));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('atomic.txt.tmp'))).toEqual([]);
  });
});
