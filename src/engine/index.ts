/**
 * @module Public surface of the engine: the run function and its config, the strategy contract,
 * ports, models, metrics and the result types. Strategies, the CLI and notebooks import from here.
 */
export { CandleEvent } from './candle-event.ts';
export { ReplayClock } from './clock/replay-clock.ts';
export { MissingDataError, ModelSpecError, rangeText, type SeriesGap } from './errors.ts';
export type { HistoryView } from './history/series-history.ts';
export * from './indicators/index.ts';
export { computeMetrics, type MetricsInput } from './metrics/compute.ts';
export { EquityStats, type EquitySummary } from './metrics/equity-stats.ts';
export { dailyReturns, returnStats } from './metrics/returns.ts';
export { tradeStats, type TradeStats } from './metrics/trade-stats.ts';
export type * from './ports/broker.ts';
export type { Clock } from './ports/clock.ts';
export type { MarketDataFeed, SeriesKey } from './ports/market-data-feed.ts';
export type * from './ports/order-journal.ts';
export { seriesId } from './ports/order-journal.ts';
export { Portfolio, type PositionView } from './portfolio/portfolio.ts';
export { roundMoney } from './portfolio/money.ts';
export type * from './result.ts';
export { runBacktest } from './backtest/run-backtest.ts';
export {
  DEFAULT_CASH,
  DEFAULT_HISTORY,
  type BacktestConfig,
  type VenueBroker,
} from './backtest/config.ts';
export {
  createFeeModel,
  DEFAULT_FEE,
  FEE_PRESETS,
  checkFeeSpec,
  feeSpec,
  type FeeModel,
  type FeePreset,
  type FeeSpec,
} from './sim/fee-model.ts';
export {
  createFillModel,
  FILL_MODELS,
  type FillModel,
  type FillModelName,
} from './sim/fill-model.ts';
export { REJECT, SimulatedBroker, type SimulatedBrokerOptions } from './sim/simulated-broker.ts';
export { calendarGate, type SessionGate } from './sim/session-gate.ts';
export { RollBroker, type RollEvent, type RollSchedule } from './sim/roll-broker.ts';
export {
  checkSlippageSpec,
  createSlipper,
  slippageModel,
  type SlippageModel,
  type SlippageSpec,
} from './sim/slippage-model.ts';
export { EngineContext, type ContextSeries, type EngineContextOptions } from './kernel/context.ts';
export { TimerQueue } from './kernel/timers.ts';
export { Kernel, type KernelOptions } from './kernel/kernel.ts';
export { KernelState } from './kernel/kernel-state.ts';
export { isTerminal } from './ports/broker.ts';
export type { OrderOptions, Strategy, StrategyContext } from './strategy.ts';
export { ENGINE_VERSION } from './version.ts';
export {
  DEFAULT_BASE_CURRENCY,
  DEFAULT_DIVIDEND_TAX,
  type EconomicsInput,
} from './economics/economics-input.ts';
