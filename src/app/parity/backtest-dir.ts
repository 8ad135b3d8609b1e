/**
 * @module `runFromBacktestDir`: a `tlab backtest --out` folder read as a RunRecord, so a backtest
 * saved as files can be compared and promoted like a journal run. `result.json` carries the
 * fingerprint, parameters, period, metrics and round trips but neither decisions nor fills, so the
 * fills are rebuilt from the round trips (an entry and an exit fill each, at their average prices;
 * the trip's commission split by notional and rounded to the kopeck, which gives the engine's own
 * per-fill commissions for a percentage fee). A position still
 * open at the end has no round trip and so no fills here; a run saved in the journal has them all.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../../core/zod.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { FillRecord, Metrics } from '../../engine/result.ts';
import type { RunRecord } from '../run-record.ts';

const iso = z.string().check(z.refine((s) => s === '' || Number.isFinite(Date.parse(s))));
const num = z.nullable(z.number());

const trade = z.object({
  instrument: z.string(),
  instrumentUid: z.string(),
  side: z.enum(['long', 'short']),
  lots: z.number(),
  entryTime: iso,
  entryPrice: num,
  exitTime: iso,
  exitPrice: num,
  commission: num,
});

const resultSchema = z.object({
  fingerprint: z.object({
    strategy: z.string(),
    strategySourceHash: z.string(),
    models: z.record(z.string(), z.unknown()),
  }),
  params: z.record(z.string(), z.unknown()),
  universe: z.object({
    instruments: z.array(z.string()),
    intervals: z.array(z.string()),
    from: iso,
    to: iso,
  }),
  startingCash: z.number(),
  metrics: z.record(z.string(), z.nullable(z.number())),
  trades: z.array(trade),
  dataSources: z.optional(z.array(z.object({ instrument: z.string(), instrumentUid: z.string() }))),
});

type TradeJson = z.infer<typeof trade>;

function decimals(x: number): number {
  return String(x).split('.')[1]?.length ?? 0;
}

/** The entry and exit fills of one round trip. */
function tripFills(t: TradeJson, k: number): FillRecord[] {
  const entry = t.entryPrice ?? 0;
  const exit = t.exitPrice ?? 0;
  const commission = t.commission ?? 0;
  const share = entry + exit > 0 ? entry / (entry + exit) : 0.5;
  const entryFee = Math.round(commission * share * 100) / 100;
  const exitFee = Number((commission - entryFee).toFixed(Math.max(2, decimals(commission))));
  const long = t.side === 'long';
  const leg = (
    kind: 'entry' | 'exit',
    buy: boolean,
    price: number,
    time: string,
    fee: number,
  ): FillRecord => ({
    orderId: `trip${k}-${kind}`,
    instrumentUid: t.instrumentUid,
    side: buy ? 'buy' : 'sell',
    lots: t.lots,
    price,
    time: Date.parse(time),
    commission: fee,
  });
  const out = [leg('entry', long, entry, t.entryTime, entryFee)];
  if (t.exitTime !== '') out.push(leg('exit', !long, exit, t.exitTime, exitFee));
  return out;
}

function instrumentsOf(r: z.infer<typeof resultSchema>): RunRecord['instruments'] {
  const seen = new Map<string, string>();
  for (const s of r.dataSources ?? []) seen.set(s.instrumentUid, s.instrument);
  for (const t of r.trades) if (!seen.has(t.instrumentUid)) seen.set(t.instrumentUid, t.instrument);
  return [...seen].map(([uid, ticker]) => ({ uid, ticker }));
}

/**
 * Reads the backtest `--out` folder `dir` as a RunRecord (mode `backtest`, run id the folder).
 * @throws NotFoundError when it holds no result.json; UsageError when that file is not one.
 */
export function runFromBacktestDir(dir: string): RunRecord {
  const file = path.join(dir, 'result.json');
  if (!existsSync(file)) {
    throw new NotFoundError(
      `${dir} is not a saved backtest (no result.json)`,
      'save one with tlab backtest ... --out DIR',
    );
  }
  let parsed: z.infer<typeof resultSchema>;
  try {
    parsed = resultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new UsageError(
      `${file} is not a tlab backtest result`,
      'point at a folder written by tlab backtest --out',
      { cause: err },
    );
  }
  const fills = parsed.trades.flatMap(tripFills).sort((a, b) => a.time - b.time);
  return {
    runId: dir,
    mode: 'backtest',
    strategy: parsed.fingerprint.strategy,
    strategySourceHash: parsed.fingerprint.strategySourceHash,
    params: parsed.params,
    models: parsed.fingerprint.models,
    instruments: instrumentsOf(parsed),
    intervals: parsed.universe.intervals,
    from: Date.parse(parsed.universe.from),
    to: Date.parse(parsed.universe.to),
    startingCash: parsed.startingCash,
    outcome: 'completed',
    startedAt: 0,
    decisions: [],
    events: [],
    fills,
    errors: [],
    metrics: parsed.metrics as unknown as Metrics,
  };
}
