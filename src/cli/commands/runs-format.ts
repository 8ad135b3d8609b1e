/**
 * @module How `tlab runs` prints: the run list as a table (newest first) and one run's details as
 * labelled lines with its decisions, order events, fills and errors.
 */
import type { RunRecord } from '../../app/run-record.ts';
import { isoUtc } from '../../core/time.ts';
import type { RunSummary } from '../../data/journal/journal-read.ts';
import { describeRequest } from '../../data/journal/decision-matcher.ts';
import { table } from './data-format.ts';

/** `fast=5 slow=20`. */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/**
 * `2024-01-01T00:00:00Z → 2024-02-01T00:00:00Z`; a live run started without --until/--for has no
 * end yet (to = Infinity) and reads `→ until stopped`.
 */
export function periodText(from: number, to: number): string {
  return `${isoUtc(from)} → ${Number.isFinite(to) ? isoUtc(to) : 'until stopped'}`;
}

const money = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));

/** The run list as a table. */
export function runsTable(runs: readonly RunSummary[]): string {
  const rows = runs.map((r) => [
    r.runId,
    r.mode,
    r.strategy,
    paramsText(r.params),
    periodText(r.from, r.to),
    r.outcome,
    r.trades === undefined ? '-' : String(r.trades),
    money(r.finalEquity),
  ]);
  return table([
    ['RUN', 'MODE', 'STRATEGY', 'PARAMS', 'PERIOD', 'OUTCOME', 'TRADES', 'FINAL EQUITY'],
    ...rows,
  ]);
}

/** At most this many decisions, events and fills in the text view (`--json` has them all). */
const SHOWN = 20;

function capped<T>(items: readonly T[], line: (x: T) => string): string[] {
  const out = items.slice(0, SHOWN).map((x) => `  ${line(x)}`);
  if (items.length > SHOWN) out.push(`  ... ${items.length - SHOWN} more (--json lists all)`);
  return out;
}

/** One run's details. */
export function runDetails(r: RunRecord, counters: Record<string, number> | undefined): string {
  const tickers = new Map(r.instruments.map((i) => [i.uid, i.ticker]));
  const request = (q: RunRecord['decisions'][number]['request']) =>
    describeRequest({ ...q, instrumentUid: tickers.get(q.instrumentUid) ?? q.instrumentUid });
  const lines = [
    `run          ${r.runId}`,
    `mode         ${r.mode}`,
    `strategy     ${r.strategy} (source sha256 ${r.strategySourceHash.slice(0, 12)})`,
    `params       ${paramsText(r.params) || '-'}`,
    `models       ${JSON.stringify(r.models)}`,
    `instruments  ${r.instruments.map((i) => i.ticker).join(', ')}  intervals ${r.intervals.join(', ')}`,
    `period       ${periodText(r.from, r.to)}`,
    `cash         ${r.startingCash}${r.accountId === undefined ? '' : `  account ${r.accountId}`}`,
    `outcome      ${r.outcome}  started ${isoUtc(r.startedAt)}${r.endedAt === undefined ? '' : `  ended ${isoUtc(r.endedAt)}`}`,
  ];
  if (r.metrics) {
    const m = r.metrics;
    lines.push(
      `metrics      trades ${m.trades}  final equity ${money(m.finalEquity)}  total return ${m.totalReturn ?? '-'}  max drawdown ${m.maxDrawdown ?? '-'}`,
    );
  }
  if (counters) lines.push(`counters     ${paramsText(counters)}`);
  lines.push(`decisions    ${r.decisions.length}`);
  lines.push(
    ...capped(r.decisions, (d) => {
      const ack = d.ack.accepted
        ? d.ack.pending
          ? 'pending'
          : 'accepted'
        : `refused ${d.ack.code ?? ''}`;
      return `#${d.seq} ${isoUtc(d.time)} ${d.orderId} ${request(d.request)}: ${ack}`;
    }),
  );
  lines.push(`order events ${r.events.length}`);
  lines.push(
    ...capped(
      r.events,
      (e) => `#${e.seq} ${isoUtc(e.update.time)} ${e.update.orderId} ${e.update.status}`,
    ),
  );
  lines.push(`fills        ${r.fills.length}`);
  lines.push(
    ...capped(
      r.fills,
      (f) => `${isoUtc(f.time)} ${f.orderId} ${f.side} ${f.lots} @ ${f.price} fee ${f.commission}`,
    ),
  );
  lines.push(`errors       ${r.errors.length}`);
  lines.push(...capped(r.errors, (e) => `${isoUtc(e.time)} ${e.message}`));
  return `${lines.join('\n')}\n`;
}
