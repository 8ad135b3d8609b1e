// Hand-built RunRecords for the ladder's tests: a run is a list of decisions, each with the fills
// and events its order got, so a test spells out exactly what differs between two runs.
import type { OrderRequest, OrderUpdate } from '../../src/engine/ports/broker.ts';
import type { FillRecord } from '../../src/engine/result.ts';
import type { DecisionRecord, RunRecord } from '../../src/app/run-record.ts';

export const SBER = { uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13', ticker: 'SBER' };
export const GAZP = { uid: '962e2a95-02a9-4171-abd7-aa198dbe643a', ticker: 'GAZP' };
export const T0 = Date.UTC(2024, 0, 9, 7, 0);
export const MIN = 60_000;

/** One decision and what became of its order. */
export interface Step {
  time: number;
  request: OrderRequest;
  fills?: Omit<FillRecord, 'orderId' | 'instrumentUid' | 'side'>[];
  /** A final event of the order besides its fills (rejected, cancelled, expired). */
  end?:
    | { status: 'rejected'; code: 'venue'; reason: string }
    | { status: 'cancelled' | 'expired'; reason: string };
}

export const buy = (lots: number, instrumentUid = SBER.uid): OrderRequest => ({
  instrumentUid,
  side: 'buy',
  lots,
  type: 'market',
});
export const sell = (lots: number, instrumentUid = SBER.uid): OrderRequest => ({
  instrumentUid,
  side: 'sell',
  lots,
  type: 'market',
});

/** A filled market order at `time` filled one minute later at `price`. */
export function step(time: number, request: OrderRequest, price: number, commission = 0.5): Step {
  return { time, request, fills: [{ lots: request.lots, price, time: time + MIN, commission }] };
}

/** A run of `mode` made of `steps`, over [T0, T0 + 1 day). */
export function run(
  runId: string,
  steps: readonly Step[],
  over: Partial<RunRecord> = {},
): RunRecord {
  const decisions: DecisionRecord[] = [];
  const fills: FillRecord[] = [];
  const events: { seq: number; update: OrderUpdate }[] = [];
  steps.forEach((s, seq) => {
    const orderId = `${runId}-o${seq}`;
    decisions.push({
      seq,
      time: s.time,
      orderId,
      request: s.request,
      ack: { accepted: true, pending: false },
    });
    let filled = 0;
    for (const f of s.fills ?? []) {
      filled += f.lots;
      fills.push({ ...f, orderId, instrumentUid: s.request.instrumentUid, side: s.request.side });
      const remainingLots = s.request.lots - filled;
      events.push({
        seq: events.length,
        update: {
          status: remainingLots === 0 ? 'filled' : 'partially-filled',
          orderId,
          request: s.request,
          time: f.time,
          price: f.price,
          lots: f.lots,
          commission: f.commission,
          filledLots: filled,
          remainingLots,
        },
      });
    }
    if (s.end !== undefined) {
      const base = { orderId, request: s.request, time: s.time + MIN };
      events.push({
        seq: events.length,
        update:
          s.end.status === 'rejected'
            ? { ...base, ...s.end }
            : { ...base, ...s.end, filledLots: filled },
      });
    }
  });
  return {
    runId,
    mode: 'backtest',
    strategy: 'sma-cross',
    strategySourceHash: 'a'.repeat(64),
    params: { fast: 10, slow: 30 },
    models: { fillModel: 'sandbox' },
    instruments: [SBER, GAZP],
    intervals: ['1m'],
    from: T0,
    to: T0 + 86_400_000,
    startingCash: 100_000,
    outcome: 'completed',
    startedAt: 0,
    decisions,
    events,
    fills,
    errors: [],
    ...over,
  };
}

/** SBER: step 0.01, lot 10; GAZP: step 0.01, lot 10. */
export const SPECS = new Map([
  [SBER.uid, { step: 0.01, lot: 10 }],
  [GAZP.uid, { step: 0.01, lot: 10 }],
]);
