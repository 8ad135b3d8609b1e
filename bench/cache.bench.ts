/**
 * @module Benchmark of the candle cache: ingest and range-read rates of ~1,000,000 synthetic
 * 1-minute candles in a temp-file cache, each beside a row-per-candle better-sqlite3 table (one
 * row per candle, read with raw `iterate()`) built from the same candles in the same run. Reads
 * run an SMA(20) over the closes so the work cannot be optimised away, in fresh processes (as a
 * backtest reads); `cache-range-read-cold` is each process's first read. Rates are medians:
 * 3 ingests; 3 processes x 7 cache reads; 3 x 2 row-baseline reads. Peak RSS is per phase.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Candle } from '../src/core/candle.ts';
import { SeededRandom } from '../src/core/random.ts';
import { applyPragmas, openStore } from '../src/data/store.ts';
import type { BenchResult } from './types.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const DAYS = 695; // 695 days x 1440 minutes = 1,000,800 candles
const REPS = 3;
/** Fresh read processes, and timed reads in each (cache reads are cheap, so more of them). */
const READ_PROCESSES = 3;
const READ_REPS = 7;
const ROW_READ_REPS = 2;
const READ_WORKER = '--cache-read-worker';
const UID = 'bench-0000-0000-0000-000000000000';
const D0 = Date.UTC(2022, 0, 3);

/**
 * One day of 1-minute candles per element, a deterministic random walk on a 0.01 grid. Generated
 * afresh for each ingest repetition and dropped before the reads: a backtest does not hold a
 * million candle objects, and keeping them alive would make every GC during the reads slower.
 */
function generate(): Candle[][] {
  const rnd = new SeededRandom(42);
  let price = 250;
  const days: Candle[][] = [];
  for (let d = 0; d < DAYS; d++) {
    const day: Candle[] = [];
    for (let m = 0; m < 1440; m++) {
      const open = price;
      const close = Math.max(1, Math.round((open + rnd.normal() * 0.05) * 100) / 100);
      const high = Math.round((Math.max(open, close) + rnd.next() * 0.05) * 100) / 100;
      const low = Math.round((Math.min(open, close) - rnd.next() * 0.05) * 100) / 100;
      day.push({
        time: D0 + d * DAY + m * MINUTE,
        open,
        high,
        low,
        close,
        volume: 1 + Math.floor(rnd.next() * 1000),
      });
      price = close;
    }
    days.push(day);
  }
  return days;
}

/** One timed read: wall-clock and per-CPU-second rates (candles/s) and minor page faults. */
interface Rate {
  wall: number;
  cpu: number;
  faults: number;
}

/** What one read process measured. */
interface ReadFigures {
  /** The process's first read of the whole series, on a freshly opened cache. */
  cold: Rate;
  full: Rate[];
  month: Rate[];
  rows: Rate[];
  peakRssMB: number;
}

/** Times `work` (which returns how many candles it read and a checksum of its SMA). */
function timed(work: () => { n: number; check: number }): Rate & { n: number; check: number } {
  const c0 = process.cpuUsage();
  const f0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const out = work();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return {
    ...out,
    wall: out.n / seconds,
    cpu: out.n / ((c.user + c.system) / 1e6),
    faults: process.resourceUsage().minorPageFault - f0,
  };
}

/**
 * The read side, run in a fresh process per repetition set, as a backtest would read the cache
 * (the ingest process has just allocated and dropped millions of objects, which is not what a
 * reader looks like). The row baseline is read in the same process under the same conditions.
 */
function readWorker(dir: string): ReadFigures {
  const store = openStore(path.join(dir, 'cache-0.sqlite'), { mustExist: true });
  const rows = new Database(path.join(dir, 'rows-0.sqlite'));
  applyPragmas(rows);
  const select = rows
    .prepare(
      'SELECT time, open, high, low, close, volume FROM candles WHERE uid = ? AND interval = ? AND time >= ? AND time < ? ORDER BY time',
    )
    .raw();
  const to = D0 + DAYS * DAY;
  const total = DAYS * 1440;
  const readCache = (from: number, until: number) => () => {
    const sma = new Sma();
    let n = 0;
    for (const b of store.readBatches(UID, '1m', from, until)) {
      const close = b.close;
      for (let i = 0; i < b.length; i++) sma.push(close[i]);
      n += b.length;
    }
    return { n, check: sma.acc };
  };
  const readRows = () => {
    const sma = new Sma();
    let n = 0;
    for (const r of select.iterate(UID, '1m', D0, to) as Iterable<number[]>) {
      sma.push(r[4]);
      n++;
    }
    return { n, check: sma.acc };
  };
  const cold = timed(readCache(D0, to));
  const full = Array.from({ length: READ_REPS }, () => timed(readCache(D0, to)));
  const monthFrom = D0 + 300 * DAY;
  readCache(monthFrom, monthFrom + 30 * DAY)();
  const month = Array.from({ length: READ_REPS }, () =>
    timed(readCache(monthFrom, monthFrom + 30 * DAY)),
  );
  readRows();
  const rowRuns = Array.from({ length: ROW_READ_REPS }, () => timed(readRows));
  store.close();
  rows.close();
  if (cold.n !== total || rowRuns[0].n !== total)
    throw new Error(`read ${cold.n} / ${rowRuns[0].n} candles, expected ${total}`);
  if (Math.abs(cold.check - rowRuns[0].check) > 1e-6 * Math.abs(cold.check))
    throw new Error('cache and row baseline disagree');
  const strip = (r: Rate): Rate => ({ wall: r.wall, cpu: r.cpu, faults: r.faults });
  return {
    cold: strip(cold),
    full: full.map(strip),
    month: month.map(strip),
    rows: rowRuns.map(strip),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** SMA(20) over a stream of closes; returns a checksum of the averages so the loop has a result. */
class Sma {
  private readonly ring = new Float64Array(20);
  private sum = 0;
  private n = 0;
  acc = 0;
  push(x: number): void {
    const i = this.n % 20;
    this.sum += x - this.ring[i];
    this.ring[i] = x;
    this.n++;
    if (this.n >= 20) this.acc += this.sum / 20;
  }
}

function rowBaseline(file: string): Database.Database {
  const db = new Database(file);
  applyPragmas(db);
  db.exec(`CREATE TABLE candles (uid TEXT NOT NULL, interval TEXT NOT NULL, time INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, volume REAL, PRIMARY KEY (uid, interval, time)) WITHOUT ROWID`);
  return db;
}

/** Runs the cache benchmarks; see the module comment. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-cache-'));
  try {
    const total = DAYS * 1440;
    const ingest: number[] = [];
    const rowIngest: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const days = generate();
      const store = openStore(path.join(dir, `cache-${rep}.sqlite`));
      let t = performance.now();
      // As the downloader writes: one transaction per day window, candles plus coverage.
      for (let d = 0; d < DAYS; d++)
        store.upsertCandles(UID, '1m', days[d], { from: D0 + d * DAY, to: D0 + (d + 1) * DAY });
      ingest.push(total / ((performance.now() - t) / 1000));
      store.close();

      const db = rowBaseline(path.join(dir, `rows-${rep}.sqlite`));
      const insert = db.prepare('INSERT OR REPLACE INTO candles VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const writeDay = db.transaction((day: Candle[]) => {
        for (const c of day)
          insert.run(UID, '1m', c.time, c.open, c.high, c.low, c.close, c.volume);
      });
      t = performance.now();
      for (const day of days) writeDay(day);
      rowIngest.push(total / ((performance.now() - t) / 1000));
      db.close();
    }
    const peakIngestRssMB = process.resourceUsage().maxRSS / 1024;
    const runs: ReadFigures[] = [];
    for (let i = 0; i < READ_PROCESSES; i++) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), READ_WORKER, dir],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      if (child.status !== 0) throw new Error(`cache read worker failed (exit ${child.status})`);
      runs.push(JSON.parse(child.stdout) as ReadFigures);
    }
    const all = (k: 'full' | 'month' | 'rows') => runs.flatMap((r) => r[k]);
    const rowRate = median(all('rows').map((m) => m.wall));
    const peakRssMB = Math.max(...runs.map((r) => r.peakRssMB));
    const read = (name: string, ms: Rate[], candles: number): BenchResult => ({
      name,
      candlesPerSecond: median(ms.map((m) => m.wall)),
      ratioToRawRead: median(ms.map((m) => m.wall)) / rowRate,
      cpuCandlesPerSecond: median(ms.map((m) => m.cpu)),
      bestCandlesPerSecond: Math.max(...ms.map((m) => m.wall)),
      pageFaultsPerRead: median(ms.map((m) => m.faults)),
      candles,
      peakRssMB,
    });
    return [
      {
        name: 'cache-ingest',
        candlesPerSecond: median(ingest),
        ratioToRawRead: median(ingest) / median(rowIngest),
        candles: total,
        peakRssMB: peakIngestRssMB,
      },
      {
        name: 'row-baseline-ingest',
        candlesPerSecond: median(rowIngest),
        ratioToRawRead: 1,
        candles: total,
        peakRssMB: peakIngestRssMB,
      },
      read('cache-range-read', all('full'), total),
      read(
        'cache-range-read-cold',
        runs.map((r) => r.cold),
        total,
      ),
      read('cache-range-read-month', all('month'), 30 * 1440),
      { ...read('row-baseline-read', all('rows'), total), ratioToRawRead: 1 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === READ_WORKER)
  process.stdout.write(JSON.stringify(readWorker(process.argv[3])));
