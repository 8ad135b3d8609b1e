/**
 * @module `runBacktest`, the backtest environment: validates the config, refuses to run across
 * missing data, composes the kernel with a replay clock, the simulated broker and its models, runs
 * it, and assembles the BacktestResult. Same inputs, byte-identical result.
 */
import { UsageError } from '../../core/errors.ts';
import { ReplayClock } from '../clock/replay-clock.ts';
import { MissingDataError, type SeriesGap } from '../errors.ts';
import { Kernel } from '../kernel/kernel.ts';
import type { AccountView, Broker } from '../ports/broker.ts';
import type { BacktestResult } from '../result.ts';
import { createFeeModel, type FeeModel } from '../sim/fee-model.ts';
import { createFillModel, type FillModel, type FillModelName } from '../sim/fill-model.ts';
import { RollBroker } from '../sim/roll-broker.ts';
import { SimulatedBroker, type SimulatedBrokerOptions } from '../sim/simulated-broker.ts';
import { slippageModel } from '../sim/slippage-model.ts';
import { buildEconomics } from '../economics/build-economics.ts';
import { assembleResult } from './assemble-result.ts';
import { resolveConfig, type BacktestConfig, type ResolvedConfig } from './config.ts';

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
  checkCoverage(config, rc);
  const { instruments, range } = config;
  const clock = config.clock ?? new ReplayClock(range.from);
  const fees = feeModelOf(config);
  const fill = fillModelOf(config, rc);
  const slippage = slippageModel(config.slippage);
  const economics = buildEconomics({
    instruments,
    input: config.economics,
    range,
    clock,
    startingCash: rc.startingCash,
  });
  const wrap = (b: Broker, account: AccountView): Broker =>
    config.wrapBroker?.(b, clock, account) ?? b;
  const kernel = new Kernel({
    strategy: config.strategy,
    instruments,
    subscriptions: rc.subscriptions,
    range,
    feed: config.feed,
    broker: (account) =>
      wrap(
        config.venueBroker?.create(account, clock) ??
          simulatedBroker(config, {
            account,
            clock,
            fees,
            fill,
            slippage,
            allowShort: rc.allowShort,
            ...(economics === undefined ? {} : { economics: economics.trade }),
          }),
        account,
      ),
    clock,
    startingCash: rc.startingCash,
    historyLength: rc.historyLength,
    recordEquity: rc.recordEquity,
    ...(economics === undefined ? {} : { economics: economics.book }),
  });
  await kernel.run();
  return assembleResult({ config, rc, kernel, fees, slippage: slippage.spec, economics });
}

/** The simulated broker, with the session gate and, for continuous series, the roll payer. */
function simulatedBroker(
  config: BacktestConfig,
  o: Omit<SimulatedBrokerOptions, 'instruments' | 'sessions'>,
): Broker {
  const { instruments, sessionGate, rolls } = config;
  const sim = new SimulatedBroker({
    ...o,
    instruments,
    ...(sessionGate ? { sessions: sessionGate } : {}),
  });
  if (!rolls || rolls.size === 0) return sim;
  return new RollBroker(sim, {
    instrumentUids: instruments.map((i) => i.uid),
    lots: instruments.map((i) => i.lot),
    ticks: instruments.map((i) => i.minPriceIncrement),
    rolls,
    account: o.account,
    fees: o.fees,
    slippage: o.slippage,
  });
}

function feeModelOf(config: BacktestConfig): FeeModel {
  const f = config.fees;
  if (f !== undefined && typeof f === 'object' && 'commission' in f) return f;
  return createFeeModel(f, config.instruments);
}

function fillModelOf(config: BacktestConfig, rc: ResolvedConfig): FillModel {
  const f = config.fillModel;
  if (f !== undefined && typeof f === 'object') return f;
  return createFillModel(rc.fillModel as FillModelName);
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
