/**
 * @module `runBacktest`: validates the config, refuses to run across missing data, wires the replay
 * clock, portfolio, simulated broker and context, replays the subscribed series through the strategy
 * and assembles the BacktestResult (metrics, buy-and-hold benchmark, trades, fills, equity curve and
 * the fingerprint). Same inputs, byte-identical result.
 */
import { UsageError } from '../../core/errors.ts';
import { ReplayClock } from '../clock/replay-clock.ts';
import { MissingDataError, type SeriesGap } from '../errors.ts';
import { computeMetrics } from '../metrics/compute.ts';
import { roundMoney } from '../portfolio/money.ts';
import type { BacktestResult, OpenPositionRecord } from '../result.ts';
import { createFeeModel } from '../sim/fee-model.ts';
import { createFillModel } from '../sim/fill-model.ts';
import { SimulatedBroker } from '../sim/simulated-broker.ts';
import { createSlipper } from '../sim/slippage-model.ts';
import { intervalRank, resolveConfig, type BacktestConfig, type ResolvedConfig } from './config.ts';
import { EngineContext } from './context.ts';
import { fingerprint } from './fingerprint.ts';
import { runMerged } from './loop-merged.ts';
import { runSingle } from './loop-single.ts';
import { RunState } from './run-state.ts';
import { SeriesCursor } from './series-cursor.ts';

/**
 * Runs one backtest.
 * @throws UsageError for a bad config, MissingDataError (a NotFoundError with `.gaps`) when the feed
 * lacks part of the range, DataIntegrityError when the feed returns inconsistent candles.
 * @example
 * const result = await runBacktest({
 *   strategy: new SmaCross({ fast: 10, slow: 30, lots: 1, short: false }),
 *   strategyName: 'sma-cross', instruments: [sber], interval: '1h', feed,
 *   range: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) },
 * });
 */
export async function runBacktest(config: BacktestConfig): Promise<BacktestResult> {
  const rc = resolveConfig(config);
  const { instruments, range, feed, strategy } = config;
  const slotOf = new Map(instruments.map((inst, slot) => [inst.uid, slot]));
  checkCoverage(config, rc);

  const clock = new ReplayClock(range.from);
  const state = new RunState({
    instruments,
    startingCash: rc.startingCash,
    clock,
    strategy,
    recordEquity: rc.recordEquity,
    expectedMarks: expectedMarks(rc, range),
  });
  const fees = createFeeModel(config.fees, instruments);
  const fill = createFillModel(rc.fillModel, createSlipper(config.slippage));
  const broker = new SimulatedBroker({
    instruments,
    portfolio: state.portfolio,
    clock,
    fees,
    fill,
    allowShort: rc.allowShort,
  });
  broker.setUpdateListener(state.onUpdate);
  state.broker = broker;

  const cursors = rc.subscriptions.map((s, k) => {
    const slot = slotOf.get(s.instrumentUid) as number;
    return new SeriesCursor(s, instruments[slot].ticker, k, slot, rc.historyLength);
  });
  const ordered = [...cursors].sort(
    (a, b) => intervalRank(a.key.interval) - intervalRank(b.key.interval) || a.index - b.index,
  );
  for (const c of ordered) c.isExec = ordered.find((x) => x.slot === c.slot) === c;
  const series = ordered.map((c) => ({
    slot: c.slot,
    interval: c.key.interval,
    history: c.history,
  }));
  state.ctx = new EngineContext({
    clock,
    portfolio: state.portfolio,
    broker,
    instruments,
    series,
    timers: state.timers,
  });

  try {
    for (const c of cursors) c.open(feed, range);
    strategy.onStart?.(state.ctx);
    state.drain();
    if (cursors.length === 1 && instruments.length === 1) await runSingle(state, cursors[0]);
    else await runMerged(state, ordered);
  } finally {
    // A strategy or data error mid-run must not leave the feed's streams (a DB cursor) open.
    for (const c of cursors) c.close();
  }
  if (state.lastClose === state.lastClose) clock.set(state.lastClose);
  strategy.onStop?.(state.ctx);
  state.drain();

  const pf = state.portfolio;
  const spanMs = state.firstOpen === state.firstOpen ? state.lastClose - state.firstOpen : 0;
  const metrics = computeMetrics({
    startingCash: rc.startingCash,
    equity: state.stats.summary(),
    spanMs,
    trips: pf.trips.trips,
    tradedValue: pf.tradedValue,
    commission: pf.commission,
  });
  const benchmark = computeMetrics({
    startingCash: rc.startingCash,
    equity: state.benchStats.summary(),
    spanMs,
    trips: [],
    tradedValue: state.hold.tradedValue(),
    commission: 0,
  });
  const params = { ...(config.params ?? {}) };
  const models = {
    fillModel: rc.fillModel,
    fees: fees.spec,
    slippage: config.slippage ?? { kind: 'none' },
    allowShort: rc.allowShort,
    startingCash: rc.startingCash,
    historyLength: rc.historyLength,
  };
  return {
    fingerprint: fingerprint({
      strategy: config.strategyName,
      strategySource: config.strategySource ?? '',
      params,
      seriesDigests: cursors.map((c) => c.digest()),
      models,
      fills: pf.fills,
    }),
    params,
    universe: {
      instruments: instruments.map((i) => i.ticker),
      intervals: [...new Set(rc.subscriptions.map((s) => s.interval))],
      from: range.from,
      to: range.to,
    },
    startingCash: rc.startingCash,
    metrics,
    benchmark,
    trades: pf.trips.trips,
    fills: pf.fills,
    equity: state.recorder.curve(),
    currency: rc.currency,
    openPositions: openPositions(state),
    rejectedOrders: state.rejected,
  };
}

/** Refuses a run whose instruments are not all subscribed or whose feed lacks part of the range. */
function checkCoverage(config: BacktestConfig, rc: ResolvedConfig): void {
  for (const inst of config.instruments) {
    if (!rc.subscriptions.some((s) => s.instrumentUid === inst.uid)) {
      throw new UsageError(
        `${inst.ticker} has no subscribed series, so its orders could never fill`,
        'subscribe to at least one interval of every instrument, or drop it',
      );
    }
  }
  const gaps: SeriesGap[] = [];
  for (const s of rc.subscriptions) {
    const ranges = config.feed.missing(s, config.range);
    if (ranges.length > 0) {
      const ticker = config.instruments.find((i) => i.uid === s.instrumentUid)?.ticker ?? '?';
      gaps.push({ series: s, ticker, ranges });
    }
  }
  if (gaps.length > 0) throw new MissingDataError(gaps);
}

/** Upper estimate of the marks a run makes: candle slots of its finest interval in the range. */
function expectedMarks(rc: ResolvedConfig, range: { from: number; to: number }): number {
  const finest = Math.min(...rc.subscriptions.map((s) => intervalRank(s.interval)));
  return Math.ceil((range.to - range.from) / finest) + 1;
}

function openPositions(state: RunState): OpenPositionRecord[] {
  const pf = state.portfolio;
  const out: OpenPositionRecord[] = [];
  state.instruments.forEach((inst, slot) => {
    if (pf.lots[slot] === 0) return;
    const p = pf.position(slot);
    out.push({
      instrument: inst.ticker,
      instrumentUid: inst.uid,
      lots: p.lots,
      averagePrice: p.averagePrice,
      lastPrice: p.lastPrice,
      unrealizedPnl: roundMoney(p.unrealizedPnl),
    });
  });
  return out;
}
