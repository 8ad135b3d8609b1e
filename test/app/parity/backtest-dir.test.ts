// A real engine run, saved with writeReport as `tlab backtest --out` saves it, read back as a
// RunRecord: its fills rebuilt from the round trips are the engine's fills, and parity of the
// folder against the run recorded in-process (decisions and all) finds nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFromBacktestDir } from '../../../src/app/parity/backtest-dir.ts';
import { compareRuns } from '../../../src/app/parity/compare-runs.ts';
import { recordingBroker, runFromBacktest } from '../../../src/app/parity/recording-broker.ts';
import type { RunRecord } from '../../../src/app/run-record.ts';
import { runBacktest } from '../../../src/engine/index.ts';
import type { BacktestResult } from '../../../src/engine/result.ts';
import { writeReport } from '../../../src/report/write-report.ts';
import { rsiReversion } from '../../../src/strategies/index.ts';
import { instrument, randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';

const dir = mkdtempSync(join(tmpdir(), 'tlab-parity-dir-'));
const sber = instrument({ ticker: 'SBER', lot: 10 });
const start = Date.UTC(2024, 0, 9, 7);
let result: BacktestResult;
let recorded: RunRecord;

beforeAll(async () => {
  const walk = randomWalk({
    seed: 5,
    count: 1500,
    start,
    interval: '1h',
    startPrice: 250,
    vol: 0.006,
  });
  const params = rsiReversion.parse({ period: 10, lots: 20 });
  const { recording, wrap } = recordingBroker();
  result = await runBacktest({
    strategy: rsiReversion.create(params as Record<string, number>),
    strategyName: rsiReversion.name,
    strategySource: rsiReversion.source(),
    params,
    instruments: [sber],
    interval: '1h',
    range: { from: start, to: start + 1500 * 3_600_000 },
    feed: new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, walk),
    startingCash: 1_000_000,
    wrapBroker: wrap,
  });
  recorded = runFromBacktest('in-process', result, recording, [{ uid: sber.uid, ticker: 'SBER' }]);
  writeReport(join(dir, 'run'), result, { SBER: walk }, { html: false });
});

describe('runFromBacktestDir', () => {
  it('reads the fingerprint, period and the fills of every round trip', () => {
    const r = runFromBacktestDir(join(dir, 'run'));
    expect(result.trades.length).toBeGreaterThan(5);
    expect(r).toMatchObject({
      mode: 'backtest',
      strategy: 'rsi-reversion',
      strategySourceHash: result.fingerprint.strategySourceHash,
      from: result.universe.from,
      to: result.universe.to,
      instruments: [{ uid: sber.uid, ticker: 'SBER' }],
    });
    const closed = result.fills.slice(0, r.fills.length);
    const shape = (f: { side: string; lots: number; price: number; time: number }) => [
      f.side,
      f.lots,
      f.price,
      f.time,
    ];
    expect(r.fills.map(shape)).toEqual(closed.map(shape));
    const sum = (fs: readonly { commission: number }[]) => fs.reduce((s, f) => s + f.commission, 0);
    expect(sum(r.fills)).toBeCloseTo(sum(closed), 6);
  });

  it('gives no difference against the same run recorded in-process', () => {
    expect(recorded.decisions.length).toBe(result.fills.length);
    const open = result.openPositions?.length ?? 0;
    const r = compareRuns(recorded, runFromBacktestDir(join(dir, 'run')));
    expect(r.matchedBy).toBe('fills');
    // Only the fill of a position still open at the end is missing from the folder.
    expect(r.differences.map((d) => d.kind)).toEqual(open > 0 ? ['unfilled'] : []);
  });

  it('refuses a folder without result.json, and one whose result.json is not a result', () => {
    expect(() => runFromBacktestDir(join(dir, 'nothing'))).toThrow(
      /is not a saved backtest \(no result.json\)/,
    );
    writeFileSync(join(dir, 'result.json'), '{"trades": 3}');
    expect(() => runFromBacktestDir(dir)).toThrow(/is not a tlab backtest result/);
  });
});
