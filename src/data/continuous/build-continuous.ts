/**
 * @module `tlab data continuous`: builds a continuous futures series from the consecutive contracts
 * of one base (Si, RI, BR, ...) in the cache. The contracts are the cached futures whose ticker is
 * the base, a month code and a year (SiH5, SiM5, ...), taken in order of their last trading day.
 * The series is an ordinary cached series of its own instrument (ticker `<base>-CONT`, class code
 * `<roll>.<adjust>.<interval>`, so several builds of one base live side by side), holding each
 * contract's candles over the stretch it was front, adjusted at the rolls; its source is
 * `continuous:<the contracts' sources>`, and its rolls are recorded (ContinuousRepo) for the engine.
 * A rebuild replaces the series whole, in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Candle } from '../../core/candle.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { CandleStore } from '../store.ts';
import { unionLabels } from '../source-repo.ts';
import { adjustCandle, priceDecimals, segmentAdjustments, type Adjustment } from './adjust.ts';
import { ContinuousRepo } from './continuous-repo.ts';
import { parseRollRule, planRolls, type ContractCandles, type RollPoint } from './roll-plan.ts';

const MONTH_CODES = 'FGHJKMNQUVXZ';

/** What to build. */
export interface ContinuousRequest {
  base: string;
  interval: Interval;
  /** `expiry-5d` or `volume`. */
  roll: string;
  adjust: Adjustment;
  /** Epoch ms recorded as the build time (the CLI passes the wall clock). */
  builtAt?: number;
}

/** What was built. */
export interface ContinuousResult {
  instrument: Instrument;
  contracts: string[];
  candles: number;
  rolls: RollPoint[];
  source: string;
}

/** The cached contracts of `base`: futures named base + month code + year, by last trading day. */
export function findContracts(store: CandleStore, base: string): Instrument[] {
  const name = new RegExp(`^${base.replace(/[^A-Za-z0-9]/g, '')}[${MONTH_CODES}]\\d{1,2}$`, 'i');
  return store
    .listInstruments()
    .filter((i) => i.kind === 'futures' && name.test(i.ticker))
    .sort((a, b) => lastTrade(a) - lastTrade(b));
}

function lastTrade(i: Instrument): number {
  return i.futures?.lastTradeDate ?? i.futures?.expirationDate ?? NaN;
}

/** A stable uid (UUID-shaped) for one build of a base. */
function continuousUid(base: string, classCode: string): string {
  const h = createHash('sha256').update(`continuous|${base}|${classCode}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The continuous instrument: the newest contract's spec under its own identity. */
function continuousInstrument(base: string, req: ContinuousRequest, last: Instrument): Instrument {
  const classCode = `${req.roll}.${req.adjust}.${req.interval}`;
  const { figi: _figi, isin: _isin, first1minCandleDate: _m, first1dayCandleDate: _d, ...spec } = last;
  return {
    ...spec,
    uid: continuousUid(base, classCode),
    figi: '',
    isin: '',
    ticker: `${base}-CONT`,
    classCode,
    name: `${base} continuous (${req.roll}, ${req.adjust})`,
  };
}

function clip(ranges: readonly TimeRange[], seg: TimeRange): TimeRange[] {
  return ranges
    .map((r) => ({ from: Math.max(r.from, seg.from), to: Math.min(r.to, seg.to) }))
    .filter((r) => r.to > r.from);
}

/**
 * Builds (or rebuilds) the continuous series of `req.base`.
 * @throws UsageError for an unknown roll rule; NotFoundError when fewer than two contracts of the
 * base are cached or one lacks its futures spec (last trading day) or candles at the interval.
 */
export function buildContinuous(store: CandleStore, req: ContinuousRequest): ContinuousResult {
  const rule = parseRollRule(req.roll);
  if (!rule) throw new UsageError(`--roll '${req.roll}' is not a roll rule`, 'use expiry-Nd (e.g. expiry-5d) or volume');
  const contracts = findContracts(store, req.base);
  const unspecified = contracts.find((c) => !Number.isFinite(lastTrade(c)));
  if (unspecified)
    throw new NotFoundError(
      `${unspecified.ticker} has no futures spec (last trading day) in the cache`,
      `tlab download --instrument ${unspecified.ticker} ... stores it with the contract`,
    );
  const inputs: ContractCandles[] = contracts.map((c) => ({
    uid: c.uid,
    ticker: c.ticker,
    lastTradeDate: lastTrade(c),
    candles: store.readCandles(c.uid, req.interval, 0, 1e14),
  }));
  const withCandles = inputs.filter((c) => c.candles.length > 0);
  if (withCandles.length < 2)
    throw new NotFoundError(
      `the cache holds ${withCandles.length} ${req.base} contract${withCandles.length === 1 ? '' : 's'} with ${req.interval} candles; a continuous series needs two or more`,
      `download consecutive contracts first, e.g. tlab download --instrument ${req.base}H5,${req.base}M5 --interval ${req.interval} ...`,
    );
  const plan = planRolls(withCandles, rule);
  const byUid = new Map(contracts.map((c) => [c.uid, c]));
  const last = byUid.get(plan.segments[plan.segments.length - 1].uid) as Instrument;
  const instrument = continuousInstrument(req.base, req, last);
  const decimals = priceDecimals(contracts.map((c) => c.minPriceIncrement), plan.rolls);
  const adjustments = segmentAdjustments(plan.rolls, req.adjust, decimals);
  const used = plan.segments.map((s) => s.uid);
  const source = `continuous:${unionLabels(...used.map((u) => store.seriesSources(u, req.interval).map((s) => s.source))).join(' + ') || 'unknown'}`;
  let written = 0;
  store.transaction(() => {
    store.removeSeries(instrument.uid, req.interval);
    store.upsertInstrument(instrument, 'api');
    const origin = { source, ...(req.builtAt === undefined ? {} : { fetchedAt: req.builtAt }) };
    const lastSeg = plan.segments.length - 1;
    plan.segments.forEach((planned, k) => {
      // The first contract's stretch reaches back, and the last one's forward, as far as they are covered.
      const seg = { uid: planned.uid, from: k === 0 ? -Infinity : planned.from, to: k === lastSeg ? Infinity : planned.to };
      const input = withCandles.find((c) => c.uid === seg.uid) as ContractCandles;
      const inside = (c: Candle) => c.time >= seg.from && c.time < seg.to;
      const candles = input.candles.filter(inside).map((c) => adjustCandle(c, adjustments[k], req.adjust, decimals));
      const covered = clip(store.coveredRanges(seg.uid, req.interval), seg);
      for (const r of covered) store.upsertCandles(instrument.uid, req.interval, candles.filter((c) => c.time >= r.from && c.time < r.to), r, origin);
      const loose = candles.filter((c) => !covered.some((r) => c.time >= r.from && c.time < r.to));
      if (loose.length) store.upsertCandles(instrument.uid, req.interval, loose, undefined, origin);
      written += candles.length;
    });
    new ContinuousRepo(store.db).save(
      { uid: instrument.uid, base: req.base, interval: req.interval, roll: req.roll, adjust: req.adjust, ...(req.builtAt === undefined ? {} : { builtAt: req.builtAt }) },
      plan.rolls,
    );
  });
  return { instrument, contracts: used.map((u) => byUid.get(u)?.ticker ?? u), candles: written, rolls: plan.rolls, source };
}
