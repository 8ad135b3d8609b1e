/**
 * @module The reference a sandbox run is promoted against: the same strategy, parameters,
 * instruments, intervals, cash and period backtested over the candle cache with the `sandbox` fill
 * model (and its default fees, no slippage), recorded decision by decision as a RunRecord.
 */
import { NotFoundError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { MarketDataFeed } from '../../engine/index.ts';
import type { RawParam } from '../../strategies/index.ts';
import { recordingBroker, runFromBacktest } from '../parity/recording-broker.ts';
import { runRegisteredBacktest } from '../registered-backtest.ts';
import type { RunRecord } from '../run-record.ts';

/** Where the reference backtest reads instruments and candles. */
export interface CacheAccess {
  findInstrument(uid: string): Instrument | undefined;
  feed: MarketDataFeed;
}

/** Backtests `run`'s strategy over its period with the sandbox fill model. */
export async function sandboxModelBacktest(run: RunRecord, cache: CacheAccess): Promise<RunRecord> {
  const instruments = run.instruments.map(({ uid, ticker }) => {
    const i = cache.findInstrument(uid);
    if (i === undefined) {
      throw new NotFoundError(
        `instrument ${ticker} (${uid}) of run ${run.runId} is not in the cache`,
        `download it first: tlab download --instrument ${ticker} ...`,
      );
    }
    return i;
  });
  const { recording, wrap } = recordingBroker();
  const result = await runRegisteredBacktest({
    strategy: run.strategy,
    params: run.params as Record<string, RawParam>,
    instruments,
    intervals: run.intervals as Interval[],
    range: { from: run.from, to: run.to },
    feed: cache.feed,
    cash: run.startingCash,
    fillModel: 'sandbox',
    allowShort: run.models.allowShort === true,
    recordEquity: false,
    wrapBroker: wrap,
  });
  return runFromBacktest(
    `sandbox-model backtest of ${run.runId}`,
    result,
    recording,
    run.instruments,
  );
}
