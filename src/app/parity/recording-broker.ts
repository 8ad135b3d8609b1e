/**
 * @module A broker wrapper that records what a run decided and what its orders did, so a backtest
 * run in-process (the one `tlab promote` runs to check a sandbox run against) becomes a complete
 * RunRecord with decisions and events, not only fills. It changes nothing it passes through.
 */
import type { Broker, OrderRequest, OrderUpdate } from '../../engine/ports/broker.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { BacktestResult } from '../../engine/result.ts';
import type { DecisionRecord, OrderEventRecord, RunRecord } from '../run-record.ts';

/** What a recording broker collected. */
export interface Recording {
  decisions: DecisionRecord[];
  events: OrderEventRecord[];
}

/** A `wrapBroker` for a backtest config and the recording it fills. */
export function recordingBroker(): {
  recording: Recording;
  wrap: (broker: Broker, clock: Clock) => Broker;
} {
  const recording: Recording = { decisions: [], events: [] };
  const wrap = (inner: Broker, clock: Clock): Broker => ({
    submit(request: OrderRequest) {
      const ack = inner.submit(request);
      recording.decisions.push({
        seq: recording.decisions.length,
        time: clock.now(),
        orderId: ack.orderId,
        request: { ...request },
        ack: {
          accepted: ack.accepted,
          pending: ack.pending,
          ...(ack.code === undefined ? {} : { code: ack.code }),
          ...(ack.reason === undefined ? {} : { reason: ack.reason }),
        },
      });
      return ack;
    },
    cancel: (orderId) => inner.cancel(orderId),
    openOrders: (uid) => inner.openOrders(uid),
    setUpdateListener(listener: (u: OrderUpdate) => void) {
      inner.setUpdateListener((u) => {
        recording.events.push({ seq: recording.events.length, update: u });
        listener(u);
      });
    },
    ...(inner.onCandle === undefined ? {} : { onCandle: inner.onCandle.bind(inner) }),
  });
  return { recording, wrap };
}

/** A finished in-process backtest with its recording as a RunRecord. */
export function runFromBacktest(
  runId: string,
  result: BacktestResult,
  recording: Recording,
  instruments: RunRecord['instruments'],
): RunRecord {
  const f = result.fingerprint;
  return {
    runId,
    mode: 'backtest',
    strategy: f.strategy,
    strategySourceHash: f.strategySourceHash,
    params: result.params,
    models: f.models,
    instruments,
    intervals: result.universe.intervals,
    from: result.universe.from,
    to: result.universe.to,
    startingCash: result.startingCash,
    outcome: 'completed',
    startedAt: 0,
    decisions: recording.decisions,
    events: recording.events,
    fills: result.fills,
    errors: [],
    metrics: result.metrics,
  };
}
