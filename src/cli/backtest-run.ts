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
import { rollScheduleOf } from '../data/continuous/roll-schedule.ts';
import { RunSessions, SessionFeed } from '../data/session-feed.ts';
import { SqliteFeed } from '../data/sqlite-feed.ts';
import type { SessionSelection } from '../core/trading-sessions.ts';
import type { CandleStore } from '../data/store.ts';
import type {
  BacktestResult,
  Broker,
  Clock,
  FeeSpec,
  FillModelName,
  SlippageSpec,
} from '../engine/index.ts';
import { calendarGate, MissingDataError } from '../engine/index.ts';
import type { RawParam } from '../strategies/index.ts';
import { getStrategy } from '../strategies/index.ts';
import { runRegisteredBacktest } from '../app/registered-backtest.ts';
import { cachedEconomics } from './backtest-economics.ts';
import { fallbackNotice } from './options/sessions.ts';

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
  /** Tax withheld from long positions' dividends (default: the engine's 13%). */
  dividendTax?: number;
  /** Which sessions' candles are kept and can fill (default `all`: every cached candle). */
  sessions?: SessionSelection;
  /** Keep the per-candle equity curve (only the report files need it; default true). */
  recordEquity?: boolean;
  /**
   * Wraps the simulated broker (`--save` journals the run through it); `setup` is what the run
   * resolved: the cached instruments and the closed range.
   */
  wrapBroker?: (
    broker: Broker,
    clock: Clock,
    setup: { instruments: Instrument[]; range: TimeRange },
  ) => Broker;
}

function downloadHint(ticker: string, interval: Interval, r: TimeRange): string {
  return `tlab download --instrument ${ticker} --interval ${interval} --from ${isoUtc(r.from)} --to ${isoUtc(r.to)}`;
}

function cachedInstruments(
  store: CandleStore,
  refs: InstrumentRef[],
  job: CliBacktest,
): Instrument[] {
  return findCachedInstruments(store, refs, job.intervals, job.range);
}

/** The cached specs of `refs`; one missing fails with the `tlab download` command that adds it. */
export function findCachedInstruments(
  store: CandleStore,
  refs: readonly InstrumentRef[],
  intervals: readonly Interval[],
  range: TimeRange,
): Instrument[] {
  return refs.map((ref) => {
    const found = store.findInstrument(ref);
    if (found) return found;
    const name = formatInstrumentRef(ref);
    throw new NotFoundError(
      `instrument ${name} is not in the cache`,
      `download it first: ${downloadHint(name, intervals[0], range)}`,
    );
  });
}

/** The range clipped so it never asks for a candle that cannot have closed by `now`. */
export function closedRange(
  range: TimeRange,
  intervals: readonly Interval[],
  now: number,
): TimeRange {
  const coarsest = [...intervals].sort(byIntervalLength).at(-1) as Interval;
  return { from: range.from, to: Math.min(range.to, alignTime(coarsest, now)) };
}

/** Runs a backtest over the cache; missing data fails with the exact `tlab download` commands. */
export async function runCliBacktest(
  store: CandleStore,
  job: CliBacktest,
): Promise<{ result: BacktestResult; instruments: Instrument[] }> {
  getStrategy(job.strategy); // an unknown strategy is reported before a cache miss
  const instruments = cachedInstruments(store, job.instruments, job);
  for (const i of instruments) {
    if (store.instrumentSource(i.uid) !== 'archive') continue;
    // Imported archives carry no spec: say what the run assumes instead of guessing silently.
    process.stderr.write(
      `tlab: note: ${i.ticker} came from an archive without its API spec (lot taken as ${i.lot}, ` +
        `price step unknown so prices are not snapped); tlab download --instrument ${i.figi || i.uid} ... fills it in\n`,
    );
  }
  for (const i of instruments) {
    if (i.kind !== 'futures' || !i.futures || i.futures.margin) continue;
    // A future without its GO still settles variation margin; only the margin check is off.
    process.stderr.write(
      `tlab: note: ${i.ticker} has no initial margin (GO) in the cache, so its orders are not checked against margin; ` +
        `tlab download --instrument ${i.figi || i.uid} ... reads it\n`,
    );
  }
  const range = closedRange(job.range, job.intervals, job.now);
  const wrap = job.wrapBroker;
  const sessions =
    job.sessions === undefined || job.sessions === 'all'
      ? undefined
      : new RunSessions(store, instruments, job.sessions);
  const cacheFeed = new SqliteFeed(store);
  try {
    const result = await runRegisteredBacktest({
      strategy: job.strategy,
      params: job.params,
      instruments,
      intervals: job.intervals,
      range,
      feed: sessions ? new SessionFeed(cacheFeed, sessions) : cacheFeed,
      ...(sessions ? { sessionGate: calendarGate(sessions.calendars, sessions.kinds) } : {}),
      rolls: rollScheduleOf(store, instruments),
      cash: job.cash,
      fees: job.fees,
      slippage: job.slippage,
      fillModel: job.fillModel,
      allowShort: job.allowShort ?? false,
      recordEquity: job.recordEquity ?? true,
      economics: cachedEconomics(store, instruments, range, job.dividendTax),
      ...(wrap === undefined
        ? {}
        : { wrapBroker: (b: Broker, c: Clock) => wrap(b, c, { instruments, range }) }),
    });
    const notice = sessions && fallbackNotice(sessions);
    if (notice) process.stderr.write(notice);
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
