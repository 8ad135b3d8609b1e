/**
 * @module The backtest row of the environment table, composed: the SQLite cache as the feed, the
 * simulated broker's model instances from the names in the options (src/cli/environments.ts), a
 * strategy from the registry. `tlab backtest` and `tlab demo` both run through here, so they cannot
 * drift apart.
 */
import type { CandleBatch } from '../core/candle.ts';
import { createCandleBatch } from '../core/candle.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import { alignTime, byIntervalLength } from '../core/interval.ts';
import { isoUtc, type TimeRange } from '../core/time.ts';
import { formatInstrumentRef, type InstrumentRef } from '../core/instrument-ref.ts';
import { SqliteFeed } from '../data/sqlite-feed.ts';
import type { CandleStore } from '../data/store.ts';
import type { BacktestResult, FeeSpec, FillModelName, SlippageSpec } from '../engine/index.ts';
import { MissingDataError, runBacktest } from '../engine/index.ts';
import type { RawParam } from '../strategies/index.ts';
import { getStrategy } from '../strategies/index.ts';
import { simulationModels } from './environments.ts';

/** What a CLI backtest needs. */
export interface CliBacktest {
  strategy: string;
  params: Record<string, RawParam>;
  instruments: InstrumentRef[];
  intervals: Interval[];
  range: TimeRange;
  now: number;
  cash?: number;
  fees?: FeeSpec;
  slippage?: SlippageSpec;
  fillModel?: FillModelName;
  allowShort?: boolean;
  /** Keep the per-candle equity curve (only the report files need it; default true). */
  recordEquity?: boolean;
}

function downloadHint(ticker: string, interval: Interval, r: TimeRange): string {
  return `tlab download --instrument ${ticker} --interval ${interval} --from ${isoUtc(r.from)} --to ${isoUtc(r.to)}`;
}

function cachedInstruments(
  store: CandleStore,
  refs: InstrumentRef[],
  job: CliBacktest,
): Instrument[] {
  return refs.map((ref) => {
    const found = store.findInstrument(ref);
    if (found) return found;
    const name = formatInstrumentRef(ref);
    throw new NotFoundError(
      `instrument ${name} is not in the cache`,
      `download it first: ${downloadHint(name, job.intervals[0], job.range)}`,
    );
  });
}

/** The range clipped so it never asks for a candle that cannot have closed by `now`. */
function closedRange(range: TimeRange, intervals: Interval[], now: number): TimeRange {
  const coarsest = [...intervals].sort(byIntervalLength).at(-1) as Interval;
  return { from: range.from, to: Math.min(range.to, alignTime(coarsest, now)) };
}

/** Runs a backtest over the cache; missing data fails with the exact `tlab download` commands. */
export async function runCliBacktest(
  store: CandleStore,
  job: CliBacktest,
): Promise<{ result: BacktestResult; instruments: Instrument[] }> {
  const entry = getStrategy(job.strategy);
  const strategy = entry.create(job.params);
  const instruments = cachedInstruments(store, job.instruments, job);
  for (const i of instruments) {
    if (store.instrumentSource(i.uid) !== 'archive') continue;
    // Imported archives carry no spec: say what the run assumes instead of guessing silently.
    process.stderr.write(
      `tlab: note: ${i.ticker} came from an archive without its API spec (lot taken as ${i.lot}, ` +
        `price step unknown so prices are not snapped); tlab download --instrument ${i.figi || i.uid} ... fills it in\n`,
    );
  }
  const range = closedRange(job.range, job.intervals, job.now);
  const subscriptions = instruments.flatMap((i) =>
    job.intervals.map((interval) => ({ instrumentUid: i.uid, interval })),
  );
  const models = simulationModels(instruments, job);
  try {
    const result = await runBacktest({
      strategy,
      strategyName: entry.name,
      strategySource: entry.source(),
      params: entry.parse(job.params),
      instruments,
      subscriptions,
      range,
      feed: new SqliteFeed(store),
      ...(job.cash === undefined ? {} : { startingCash: job.cash }),
      fees: models.fees,
      slippage: models.slippage,
      fillModel: models.fill,
      allowShort: job.allowShort ?? false,
      recordEquity: job.recordEquity ?? true,
    });
    return { result, instruments };
  } catch (err) {
    if (!(err instanceof MissingDataError)) throw err;
    const commands = err.gaps.flatMap((g) =>
      g.ranges.map((r) => downloadHint(g.ticker, g.series.interval, r)),
    );
    throw new NotFoundError(err.message, `fill the gaps with: ${commands.join(' ; ')}`, {
      cause: err,
    });
  }
}

/** One instrument's candles at `interval` over `range`, as a single batch for the report charts. */
export function candlesForReport(
  store: CandleStore,
  uid: string,
  interval: Interval,
  range: TimeRange,
): CandleBatch {
  const parts = [...store.readBatches(uid, interval, range.from, range.to)].map((b) =>
    copyBatch(b),
  );
  const total = parts.reduce((n, b) => n + b.length, 0);
  const out = createCandleBatch(total);
  let at = 0;
  for (const b of parts) {
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
      out[k].set(b[k].subarray(0, b.length), at);
    at += b.length;
  }
  out.length = total;
  return out;
}

function copyBatch(b: CandleBatch): CandleBatch {
  const c = createCandleBatch(b.length);
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
    c[k].set(b[k].subarray(0, b.length));
  c.length = b.length;
  return c;
}
