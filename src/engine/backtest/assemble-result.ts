/**
 * @module The BacktestResult of a finished kernel run: metrics and the buy-and-hold benchmark, round
 * trips, fills, the equity curve, open positions, rejections by reason, where the data came from,
 * and the fingerprint of everything that determined it.
 */
import { computeMetrics } from '../metrics/compute.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { roundMoney } from '../portfolio/money.ts';
import type { BacktestResult, OpenPositionRecord, SeriesSource } from '../result.ts';
import type { FeeModel } from '../sim/fee-model.ts';
import type { BacktestConfig, ResolvedConfig } from './config.ts';
import type { RunEconomics } from '../economics/build-economics.ts';
import { economicsSummary } from '../economics/economics-summary.ts';
import { fingerprint } from './fingerprint.ts';

/** What the result is assembled from. */
export interface ResultInput {
  config: BacktestConfig;
  rc: ResolvedConfig;
  kernel: Kernel;
  fees: FeeModel;
  /** The slippage spec recorded in the fingerprint. */
  slippage: unknown;
  /** The run's instrument economics, when it had any. */
  economics?: RunEconomics | undefined;
}

/** Builds the result of a finished run. */
export function assembleResult(r: ResultInput): BacktestResult {
  const { config, rc, kernel } = r;
  const state = kernel.state;
  const { instruments, range } = config;
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
  const venue = config.venueBroker?.label;
  const models = {
    ...(venue === undefined ? {} : { venue }),
    fillModel: venue === undefined ? rc.fillModel : 'venue',
    fees: r.fees.spec,
    slippage: r.slippage,
    allowShort: rc.allowShort,
    startingCash: rc.startingCash,
    historyLength: rc.historyLength,
    ...(r.economics === undefined ? {} : { economics: r.economics.fingerprint }),
  };
  return {
    fingerprint: fingerprint({
      strategy: config.strategyName,
      strategySource: config.strategySource ?? '',
      params,
      seriesDigests: kernel.cursors.map((c) => c.digest()),
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
    openPositions: openPositions(kernel),
    rejectedOrders: state.rejected,
    rejections: { total: state.rejected, byReason: { ...state.rejections } },
    dataSources: dataSources(config, rc),
    ...(r.economics === undefined ? {} : { economics: economicsSummary(r.economics.book) }),
  };
}

function dataSources(config: BacktestConfig, rc: ResolvedConfig): SeriesSource[] {
  return rc.subscriptions.map((s) => {
    const inst = config.instruments.find((i) => i.uid === s.instrumentUid);
    return {
      instrument: inst?.ticker ?? s.instrumentUid,
      instrumentUid: s.instrumentUid,
      interval: s.interval,
      sources: config.feed.sources?.(s, config.range) ?? [],
    };
  });
}

function openPositions(kernel: Kernel): OpenPositionRecord[] {
  const pf = kernel.state.portfolio;
  const out: OpenPositionRecord[] = [];
  kernel.state.instruments.forEach((inst, slot) => {
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
