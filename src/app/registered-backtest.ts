/**
 * @module A backtest of a registered strategy with the simulated broker's models given by name and
 * spec, over any feed: the one function `tlab backtest`, `tlab demo` and every configuration of a
 * parameter search run through, so a search's result equals the plain backtest byte for byte.
 */
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import {
  createFeeModel,
  createFillModel,
  runBacktest,
  slippageModel,
  type BacktestResult,
  type AccountView,
  type Broker,
  type Clock,
  type FeeModel,
  type FeeSpec,
  type FillModel,
  type FillModelName,
  type MarketDataFeed,
  type SlippageModel,
  type RollSchedule,
  type SessionGate,
  type SlippageSpec,
  type VenueBroker,
  type EconomicsInput,
} from '../engine/index.ts';
import { getStrategy, type RawParam } from '../strategies/index.ts';

/** The simulated broker's models by name and spec. */
export interface ModelChoice {
  fillModel?: FillModelName;
  fees?: FeeSpec;
  slippage?: SlippageSpec;
}

/** The simulated broker's models as the instances the engine takes. */
export interface SimulationModels {
  fill: FillModel;
  fees: FeeModel;
  slippage: SlippageModel;
}

/** Turns the names and specs a user gave into model instances for the run's instruments. */
export function simulationModels(
  instruments: readonly Instrument[],
  o: ModelChoice,
): SimulationModels {
  return {
    fill: createFillModel(o.fillModel ?? 'next-bar'),
    fees: createFeeModel(o.fees, instruments),
    slippage: slippageModel(o.slippage),
  };
}

/** What a registered-strategy backtest needs. */
export interface RegisteredBacktest extends ModelChoice {
  strategy: string;
  params: Readonly<Record<string, RawParam>>;
  instruments: readonly Instrument[];
  intervals: readonly Interval[];
  range: TimeRange;
  feed: MarketDataFeed;
  cash?: number;
  allowShort?: boolean;
  recordEquity?: boolean;
  /** See BacktestConfig.wrapBroker. */
  wrapBroker?: (broker: Broker, clock: Clock, account: AccountView) => Broker;
  /** See BacktestConfig.venueBroker. */
  venueBroker?: VenueBroker;
  /** See BacktestConfig.clock. */
  clock?: Clock;
  /** See BacktestConfig.economics (dividends, coupons, dividend tax, base currency). */
  economics?: EconomicsInput;
  /** See BacktestConfig.sessionGate. */
  sessionGate?: SessionGate;
  /** See BacktestConfig.rolls. */
  rolls?: RollSchedule;
}

/** Runs a registered strategy over the feed with every instrument at every interval. */
export function runRegisteredBacktest(job: RegisteredBacktest): Promise<BacktestResult> {
  const entry = getStrategy(job.strategy);
  const models = simulationModels(job.instruments, job);
  return runBacktest({
    strategy: entry.create(job.params),
    strategyName: entry.name,
    strategySource: entry.source(),
    params: entry.parse(job.params),
    instruments: job.instruments,
    subscriptions: job.instruments.flatMap((i) =>
      job.intervals.map((interval) => ({ instrumentUid: i.uid, interval })),
    ),
    range: job.range,
    feed: job.feed,
    ...(job.cash === undefined ? {} : { startingCash: job.cash }),
    fees: models.fees,
    slippage: models.slippage,
    fillModel: models.fill,
    allowShort: job.allowShort ?? false,
    recordEquity: job.recordEquity ?? true,
    ...(job.wrapBroker === undefined ? {} : { wrapBroker: job.wrapBroker }),
    ...(job.venueBroker === undefined ? {} : { venueBroker: job.venueBroker }),
    ...(job.clock === undefined ? {} : { clock: job.clock }),
    ...(job.economics === undefined ? {} : { economics: job.economics }),
    ...(job.sessionGate === undefined ? {} : { sessionGate: job.sessionGate }),
    ...(job.rolls === undefined ? {} : { rolls: job.rolls }),
  });
}
