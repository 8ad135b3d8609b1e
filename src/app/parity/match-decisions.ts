/**
 * @module Decision-by-decision matching: decisions of A and B at the same time and instrument are
 * paired in the order they were made; what is left over is missing (only in A) or extra (only in
 * B). A pair is compared field by field, then its orders' fills one by one, and a fill A has that B
 * lacks is classified by B's order events (rejected by the venue with its reason, cancelled,
 * expired, or still open).
 */
import type { OrderRequest } from '../../engine/ports/broker.ts';
import type { FillRecord } from '../../engine/result.ts';
import type { DecisionRecord } from '../run-record.ts';
import { type CompareContext, fillsByOrder } from './compare-context.ts';
import { oneSidedFill, tallyFill } from './compare-fill.ts';
import { inTicks, priceDiff } from './exact-price.ts';

function inPeriod(ds: readonly DecisionRecord[], from: number, to: number): DecisionRecord[] {
  return ds.filter((d) => d.time >= from && d.time < to);
}

function grouped(ds: readonly DecisionRecord[]): Map<string, DecisionRecord[]> {
  const m = new Map<string, DecisionRecord[]>();
  for (const d of [...ds].sort((x, y) => x.seq - y.seq)) {
    const k = `${d.time}\u0000${d.request.instrumentUid}`;
    const list = m.get(k);
    if (list === undefined) m.set(k, [d]);
    else list.push(d);
  }
  return m;
}

function describe(r: OrderRequest): string {
  const px = r.limitPrice ?? r.stopPrice;
  return `${r.side} ${r.lots} ${r.type}${px === undefined ? '' : ` @ ${px}`}`;
}

/** Compares every decision of the common period; fills follow their decisions. */
export function matchDecisions(ctx: CompareContext, from: number, to: number): void {
  const ga = grouped(inPeriod(ctx.a.decisions, from, to));
  const gb = grouped(inPeriod(ctx.b.decisions, from, to));
  const fa = fillsByOrder(ctx.a.fills);
  const fb = fillsByOrder(ctx.b.fills);
  const keys = [...new Set([...ga.keys(), ...gb.keys()])];
  const all = keys.map((k) => (ga.get(k) ?? gb.get(k) ?? [])[0]);
  const order = keys
    .map((_, i) => i)
    .sort((i, j) => all[i].time - all[j].time || all[i].seq - all[j].seq);
  for (const i of order) {
    const la = ga.get(keys[i]) ?? [];
    const lb = gb.get(keys[i]) ?? [];
    for (let k = 0; k < Math.max(la.length, lb.length); k++) {
      const da = la[k];
      const db = lb[k];
      if (da !== undefined && db !== undefined) {
        pair(ctx, da, db, fa, fb);
      } else {
        oneSidedDecision(
          ctx,
          da === undefined ? 'B' : 'A',
          (da ?? db) as DecisionRecord,
          da === undefined ? fb : fa,
        );
      }
    }
  }
}

/** Counts and records a decision only one run made (and its fills, which have no counterpart). */
function oneSidedDecision(
  ctx: CompareContext,
  side: 'A' | 'B',
  d: DecisionRecord,
  fills: FillsOf,
): void {
  const n = fills.get(d.orderId)?.length ?? 0;
  if (side === 'A') {
    ctx.decisions.onlyA++;
    ctx.fills.onlyA += n;
  } else {
    ctx.decisions.onlyB++;
    ctx.fills.onlyB += n;
  }
  const other = side === 'A' ? 'B' : 'A';
  ctx.add(
    side === 'A' ? 'missing-decision' : 'extra-decision',
    d.time,
    d.request.instrumentUid,
    `${side} decided ${describe(d.request)}; ${other} made no such decision`,
  );
}

type FillsOf = Map<string, FillRecord[]>;

function pair(
  ctx: CompareContext,
  da: DecisionRecord,
  db: DecisionRecord,
  fa: FillsOf,
  fb: FillsOf,
): void {
  const before = ctx.differences.length;
  const ra = da.request;
  const rb = db.request;
  const uid = ra.instrumentUid;
  if (ra.side !== rb.side)
    ctx.add('different-side', da.time, uid, `A decided ${ra.side}, B ${rb.side}`);
  if (ra.lots !== rb.lots)
    ctx.add('different-size', da.time, uid, `A decided ${ra.lots} lots, B ${rb.lots}`);
  if (ra.type !== rb.type)
    ctx.add(
      'different-order-type',
      da.time,
      uid,
      `A placed a ${ra.type} order, B a ${rb.type} order`,
    );
  for (const key of ['limitPrice', 'stopPrice'] as const) {
    const pa = ra[key];
    const pb = rb[key];
    if (pa === pb) continue;
    const diff =
      pa === undefined || pb === undefined ? undefined : priceDiff(pa, pb, ctx.spec(uid).step);
    if (diff !== undefined && diff.units === 0n) continue;
    const ticks = diff === undefined ? undefined : inTicks(diff, ctx.spec(uid).step);
    const by = ticks === undefined ? '' : ` (${ticks} ticks)`;
    ctx.add(
      'different-limit-price',
      da.time,
      uid,
      `${key === 'limitPrice' ? 'limit' : 'stop'} price ${pa ?? 'none'} in A, ${pb ?? 'none'} in B${by}`,
    );
  }
  if (ctx.differences.length === before) ctx.decisions.matched++;
  else ctx.decisions.different++;
  orderFills(ctx, fa.get(da.orderId) ?? [], fb.get(db.orderId) ?? [], db);
}

function orderFills(
  ctx: CompareContext,
  la: readonly FillRecord[],
  lb: readonly FillRecord[],
  db: DecisionRecord,
): void {
  const n = Math.min(la.length, lb.length);
  for (let k = 0; k < n; k++) tallyFill(ctx, la[k], lb[k]);
  const end = terminalEvent(ctx, db.orderId);
  for (const f of la.slice(n)) {
    if (end?.status === 'rejected') {
      ctx.fills.onlyA++;
      const why = `B's order was rejected (${end.code}: ${end.reason})`;
      ctx.add(
        'rejected-by-venue',
        f.time,
        f.instrumentUid,
        `A filled ${f.side} ${f.lots} @ ${f.price}; ${why}`,
      );
    } else {
      const why =
        end === undefined ? 'still open at the end of B' : `${end.status} in B (${end.reason})`;
      oneSidedFill(ctx, 'A', f, `B's order was not filled: ${why}`);
    }
  }
  for (const f of lb.slice(n)) oneSidedFill(ctx, 'B', f);
}

function terminalEvent(ctx: CompareContext, orderId: string) {
  for (let k = ctx.b.events.length - 1; k >= 0; k--) {
    const u = ctx.b.events[k].update;
    if (u.orderId !== orderId) continue;
    if (u.status === 'rejected' || u.status === 'cancelled' || u.status === 'expired') return u;
  }
  return undefined;
}
