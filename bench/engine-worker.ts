/**
 * @module One engine benchmark workload in its own process (so its peak RSS is its own): opens the
 * generated cache, measures the raw read rate of the workload's series (a loop that only reads the
 * batches and sums closes) and the engine's rate on the same data, alternating, and prints one JSON
 * line with the medians. Usage: `node --import tsx bench/engine-worker.ts <db> <workload> [nocurve]`.
 */
import { openStore, SqliteFeed } from '../src/data/index.ts';
import { runBacktest, type Strategy } from '../src/engine/index.ts';
import { smaCross } from '../src/strategies/index.ts';
import { BENCH_START, benchInstrument } from './engine-data.ts';

const [db, workload, curveArg] = process.argv.slice(2);
/** `nocurve` runs with recordEquity off: the engine without materialising the per-candle curve. */
const recordEquity = curveArg !== 'nocurve';
const WORKLOADS: Record<
  string,
  { instruments: number; candles: number; strategy: 'noop' | 'sma' }
> = {
  noop: { instruments: 1, candles: 1_000_000, strategy: 'noop' },
  'noop-250k': { instruments: 1, candles: 250_000, strategy: 'noop' },
  sma: { instruments: 1, candles: 1_000_000, strategy: 'sma' },
  portfolio: { instruments: 20, candles: 50_000, strategy: 'sma' },
};
const w = WORKLOADS[workload];
if (!db || !w)
  throw new Error(`usage: engine-worker.ts <db> <${Object.keys(WORKLOADS).join('|')}>`);

/** The cheapest possible strategy: the engine's own cost. */
class Noop implements Strategy {
  onCandle(): void {}
}

const store = openStore(db, { mustExist: true });
const feed = new SqliteFeed(store);
// Portfolio instruments are 1..20; the single-instrument workloads use instrument 0.
const instruments =
  w.instruments === 1
    ? [benchInstrument(0)]
    : Array.from({ length: 20 }, (_, k) => benchInstrument(k + 1));
const range = { from: BENCH_START, to: BENCH_START + w.candles * 60_000 };
const total = w.candles * instruments.length;

function rawRead(): number {
  let sum = 0;
  let n = 0;
  for (const inst of instruments) {
    for (const b of feed.read({ instrumentUid: inst.uid, interval: '1m' }, range) as Iterable<{
      length: number;
      close: Float64Array;
    }>) {
      const c = b.close;
      for (let i = 0; i < b.length; i++) sum += c[i];
      n += b.length;
    }
  }
  if (n !== total) throw new Error(`read ${n} candles, expected ${total}`);
  return sum;
}

async function engine(): Promise<number> {
  const params = { fast: 10, slow: 30, lots: 1, short: false };
  const r = await runBacktest({
    strategy: w.strategy === 'noop' ? new Noop() : smaCross.create(params),
    strategyName: w.strategy,
    params: w.strategy === 'noop' ? {} : params,
    instruments,
    interval: '1m',
    range,
    feed,
    startingCash: 10_000_000,
    recordEquity,
  });
  if (r.equity.time.length !== (recordEquity ? w.candles : 0))
    throw new Error(`marked ${r.equity.time.length} times`);
  return r.fills.length;
}

function seconds(f: () => unknown): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

async function secondsAsync(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const reps = 7;
const raw: number[] = [];
const eng: number[] = [];
let fills = 0;
rawRead();
await engine(); // warm-up: JIT, page cache, allocator
for (let r = 0; r < reps; r++) {
  raw.push(total / seconds(rawRead));
  eng.push(total / (await secondsAsync(async () => (fills = await engine()))));
}
store.close();
const rawRate = median(raw);
const rate = median(eng);
process.stdout.write(
  `${JSON.stringify({ candlesPerSecond: rate, rawReadPerSecond: rawRate, ratioToRawRead: rate / rawRate, peakRssMB: process.resourceUsage().maxRSS / 1024, fills, candles: total })}\n`,
);
