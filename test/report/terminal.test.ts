// The terminal report: header facts, every metric beside buy-and-hold in readable units, "—" for
// undefined values, the last trades, and the same text for the same result.
import { describe, expect, it } from 'vitest';
import { fingerprintId } from '../../src/report/json.ts';
import { renderTerminalReport } from '../../src/report/terminal.ts';
import { makeCandles, makeResult } from './fixture.ts';

const result = makeResult(makeCandles(300));
const text = renderTerminalReport(result);
const lines = text.split('\n');
const line = (label: string): string => lines.find((l) => l.startsWith(label)) ?? '';

describe('terminal report', () => {
  it('starts with the strategy, parameters, instruments, range and fingerprint id', () => {
    expect(lines[0]).toBe('Strategy     sma-cross  fast=10 lots=1 slow=30');
    expect(line('Instruments')).toContain('SBER  (1h)');
    expect(line('Range')).toContain('2024-01-08 07:00 → 2024-01-20 19:00 UTC');
    expect(line('Fingerprint')).toContain(fingerprintId(result.fingerprint));
  });

  it('shows each metric beside the benchmark in readable units', () => {
    expect(line('Total return')).toMatch(/-0\.14%\s+2\.84%$/);
    expect(line('Sharpe')).toMatch(/1\.23\s+0\.50$/);
    expect(line('Max drawdown ')).toMatch(/4\.56%\s+4\.56%$/);
    expect(line('Max drawdown duration')).toMatch(/3d 4h\s+3d 4h$/);
    expect(line('Win rate')).toMatch(/50\.00%\s+—$/);
    expect(line('Profit factor')).toMatch(/1\.75\s+—$/);
    expect(line('Final equity')).toMatch(/99,859\.38\s+102,840\.00$/);
    expect(line('Round trips ')).toMatch(/4\s+0$/);
  });

  it('lists the last trades, newest last, and respects the count', () => {
    expect(text).toContain('Round trips (4)');
    expect(lines.at(-2)).toMatch(
      /^SBER\s+long\s+1\s+2024-01-16 15:00\s+262\.56\s+2024-01-17 21:00\s+259\.2\s+-36\.21$/,
    );
    const two = renderTerminalReport(result, { lastTrades: 2 });
    expect(two).toContain('Last 2 of 4 round trips');
    expect(two).not.toContain('short');
  });

  it('names the data sources, warns on synthetic data, and counts rejected orders by reason', () => {
    expect(text).not.toContain('Rejected');
    expect(text).not.toContain('Data ');
    const r = makeResult(makeCandles(300));
    r.dataSources = [
      {
        instrument: 'SBER',
        instrumentUid: 'uid-SBER',
        interval: '1h',
        sources: ['emulator:synthetic seed 1'],
      },
    ];
    r.rejections = { total: 5, byReason: { 'insufficient-cash': 3, 'session-closed': 1 } };
    const t = renderTerminalReport(r).split('\n');
    expect(t).toContain('Data         SBER 1h: emulator:synthetic seed 1');
    expect(t.find((l) => l.startsWith('WARNING'))).toContain('synthetic data (SBER 1h)');
    const at = t.indexOf('Rejected orders: 5');
    expect(at).toBeGreaterThan(0);
    // Two classified reasons in the published order, and the one the run did not classify.
    expect(t.slice(at + 1, at + 4).map((l) => l.replace(/\s+/g, ' '))).toEqual([
      ' Insufficient cash 3',
      ' Session closed 1',
      ' Not classified 1',
    ]);
    const archive = makeResult(makeCandles(300));
    archive.dataSources = [{ ...r.dataSources[0], sources: ['archive:SBER_2024.zip'] }];
    archive.rejections = { total: 0, byReason: {} };
    const a = renderTerminalReport(archive);
    expect(a).not.toContain('WARNING');
    expect(a).not.toContain('Rejected');
  });

  it('says rejections are why a run has no round trips', () => {
    const r = makeResult(makeCandles(300));
    r.trades = [];
    r.metrics = { ...r.metrics, trades: 0 };
    r.rejections = { total: 2, byReason: { 'insufficient-cash': 2 } };
    expect(renderTerminalReport(r)).toContain(
      'Rejected orders: 2 (the run has no round trips; these are why)',
    );
  });

  it('is the same text for the same result and aligns its columns', () => {
    expect(renderTerminalReport(makeResult(makeCandles(300)))).toBe(text);
    const metricLines = lines.slice(lines.indexOf('') + 1, lines.indexOf('') + 20);
    expect(new Set(metricLines.map((l) => l.length)).size).toBe(1);
  });
});
