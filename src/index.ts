/**
 * @module The public API of tinvest-lab for notebooks, scripts and other programs: core types, the
 * engine and its strategies, the candle cache and downloader, reports, the T-Invest client and the
 * local emulator. Generated protobuf types are deliberately not exported.
 * @example
 * ```ts
 * import { openStore, SqliteFeed, runBacktest, getStrategy } from 'tinvest-lab';
 * const store = openStore('data/tlab.sqlite', { mustExist: true });
 * const sber = store.findInstrument('SBER')!;
 * const entry = getStrategy('sma-cross');
 * const result = await runBacktest({
 *   strategy: entry.create({ fast: 10, slow: 30 }),
 *   strategyName: entry.name,
 *   instruments: [sber],
 *   interval: '1h',
 *   range: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 6, 1) },
 *   feed: new SqliteFeed(store),
 * });
 * ```
 */
export * from './core/index.ts';
export * from './engine/index.ts';
export * from './strategies/index.ts';
export {
  openStore,
  CandleStore,
  SqliteFeed,
  importArchive,
  importArchiveBytes,
  importArchiveFile,
  type OpenStoreOptions,
  type SeriesInfo,
  type VerifyReport,
} from './data/index.ts';
export { resampleFromMinutes, type ResampleResult } from './data/resample.ts';
export {
  downloadHistory,
  type DownloadOptions,
  type DownloadSummary,
} from './data/download/downloader.ts';
export { storeForDownload } from './data/download/store-adapter.ts';
export * from './report/index.ts';
export {
  createTinvestClient,
  clientFromConfig,
  GrpcStreamFeed,
  resolveApiConfig,
  TinkoffApiError,
  type GrpcStreamFeedOptions,
  type TinvestClient,
  type TinvestClientOptions,
} from './live/index.ts';
export { historyApiFromClient } from './live/history-api.ts';
// Risk guards and observability of live runs (src/live/README.md).
export {
  GuardedBroker,
  KillSwitch,
  guardsFromConfig,
  handleStopSignals,
  startLiveObservability,
  startMetricsServer,
  createLiveLogger,
  fanOut,
  LiveCounters,
  Readiness,
  READINESS,
  type GuardedBrokerOptions,
  type GuardLimits,
  type LiveEvent,
  type LiveEventSink,
  type LiveObservability,
  type CounterSnapshot,
} from './live/index.ts';
export {
  startEmulator,
  SyntheticMarket,
  type EmulatorOptions,
  type RunningEmulator,
} from './emulator/index.ts';
export { parseAxis, expandGrid, type GridAxis, type ParamSet } from './research/grid.ts';
export { createPool, defaultWorkers, type ConfigPool } from './research/config-pool.ts';
export { loadSharedSeries } from './research/load-series.ts';
export {
  runStudy,
  studyConfigurations,
  OBJECTIVES,
  type StudySpec,
  type StudyResult,
} from './research/study.ts';
export {
  walkForwardWindows,
  runWalkForward,
  type WalkForwardResult,
} from './research/walk-forward.ts';
export { robustness, type RobustnessResult } from './research/robustness.ts';
export { renderStudyPage } from './report/study/study-page.ts';
export { renderWalkForwardPage } from './report/study/walk-forward-page.ts';
export { lookaheadCheck, warmupCheck, registeredRun } from './research/lookahead.ts';
export {
  probabilisticSharpe,
  deflatedSharpe,
  expectedMaxSharpe,
  returnMoments,
} from './research/sharpe-stats.ts';
export {
  candlesFrame,
  resultFrames,
  loadDanfo,
  type CandlesFrameOptions,
  type ResultFrames,
  type DataFrame,
  type Danfo,
} from './research/dataframes.ts';
