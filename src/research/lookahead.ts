/**
 * @module Look-ahead and warm-up checks. A strategy that sees the future decides differently on a
 * stretch of data depending on what follows it: the look-ahead check runs the range in full and
 * truncated at several points and reports any decision on the common prefix that changes, with the
 * time it happened. The warm-up check runs the range with more and more history before it (orders
 * refused during that history, so every run starts flat) and reports from which warm-up length on
 * the decisions inside the range stop changing. Decisions are the orders a strategy submits.
 */
import type { Broker, Clock, OrderRequest } from '../engine/index.ts';
import type { TimeRange } from '../core/time.ts';
import { runRegisteredBacktest, type RegisteredBacktest } from '../app/registered-backtest.ts';

/** One decision: an order as the strategy asked for it, and when. */
export interface Decision {
  time: number;
  request: OrderRequest;
}

/** The first place two decision lists part. */
export interface Difference {
  time: number;
  reference: Decision | null;
  other: Decision | null;
}

/** A broker wrapper that records every submit and refuses orders before `openAt`. */
function recorder(out: Decision[], openAt = -Infinity) {
  return (inner: Broker, clock: Clock): Broker => {
    let listener: Parameters<Broker['setUpdateListener']>[0] = () => {};
    let seq = 0;
    return {
      setUpdateListener: (l) => {
        listener = l;
        inner.setUpdateListener(l);
      },
      submit: (request) => {
        const time = clock.now();
        if (time < openAt) {
          const orderId = `warmup-${++seq}`;
          const reason = 'warm-up: no orders before the range starts';
          listener({ orderId, status: 'rejected', request, time, code: 'risk-limit', reason });
          return { orderId, accepted: false, pending: false, code: 'risk-limit', reason };
        }
        out.push({ time, request: { ...request } });
        return inner.submit(request);
      },
      cancel: (id) => inner.cancel(id),
      openOrders: (uid) => inner.openOrders(uid),
      onCandle: inner.onCandle?.bind(inner),
    };
  };
}

const same = (a: Decision, b: Decision) => JSON.stringify(a) === JSON.stringify(b);

/** The first difference between two decision lists restricted to times in [from, to). */
export function firstDifference(
  ref: readonly Decision[],
  other: readonly Decision[],
  from: number,
  to: number,
): Difference | null {
  const a = ref.filter((d) => d.time >= from && d.time < to);
  const b = other.filter((d) => d.time >= from && d.time < to);
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] === undefined || b[k] === undefined || !same(a[k], b[k])) {
      return {
        time: Math.min(a[k]?.time ?? Infinity, b[k]?.time ?? Infinity),
        reference: a[k] ?? null,
        other: b[k] ?? null,
      };
    }
  }
  return null;
}

/** Runs the strategy under test over a range with a broker wrapper (see BacktestConfig.wrapBroker). */
export type DecisionRun = (
  range: TimeRange,
  wrapBroker: (broker: Broker, clock: Clock) => Broker,
) => Promise<unknown>;

/** A DecisionRun of a registered strategy (what `tlab lookahead` checks). */
export function registeredRun(job: Omit<RegisteredBacktest, 'range'>): DecisionRun {
  return (range, wrapBroker) =>
    runRegisteredBacktest({ ...job, range, recordEquity: false, wrapBroker });
}

async function decisions(run: DecisionRun, range: TimeRange, openAt?: number): Promise<Decision[]> {
  const out: Decision[] = [];
  await run(range, recorder(out, openAt));
  return out;
}

/** Look-ahead check: the full run against runs truncated at each of `cuts`. */
export async function lookaheadCheck(run: DecisionRun, range: TimeRange, cuts: readonly number[]) {
  const full = await decisions(run, range);
  const rows = [];
  for (const at of cuts) {
    const part = await decisions(run, { from: range.from, to: at });
    // Decisions made strictly before the cut saw only candles both runs have.
    rows.push({
      at,
      decisions: part.filter((d) => d.time < at).length,
      difference: firstDifference(full, part, range.from, at),
    });
  }
  return { decisions: full.length, rows, clean: rows.every((r) => r.difference === null) };
}

/**
 * Warm-up check: runs with `w` candles (of `intervalMs`) of history before the range for each `w`
 * in `warmups` (ascending), compared with the longest; `stableFrom` is the shortest warm-up from
 * which every longer one gives the same decisions inside the range (null when the decisions still
 * change between the two longest, i.e. they depend on all the history tested).
 */
export async function warmupCheck(
  run: DecisionRun,
  range: TimeRange,
  candleMs: number,
  warmups: readonly number[],
) {
  const runs = [];
  for (const w of warmups) {
    const list = await decisions(
      run,
      { from: range.from - w * candleMs, to: range.to },
      range.from,
    );
    runs.push({ warmup: w, list });
  }
  const ref = runs[runs.length - 1];
  const rows = runs.map((r) => ({
    warmup: r.warmup,
    decisions: r.list.length,
    difference: firstDifference(ref.list, r.list, range.from, range.to),
  }));
  let stableFrom: number | null = null;
  for (let k = rows.length - 1; k >= 0 && rows[k].difference === null; k--)
    stableFrom = rows[k].warmup;
  if (rows.length >= 2 && stableFrom === ref.warmup) stableFrom = null;
  return { rows, stableFrom };
}
