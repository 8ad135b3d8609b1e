/**
 * @module One fill of run B against the matching fill of run A (the reference): lots, time, price
 * (as slippage in ticks and money, adverse for the side counted positive) and commission.
 */
import { isoUtc } from '../../core/time.ts';
import type { FillRecord } from '../../engine/result.ts';
import type { CompareContext } from './compare-context.ts';
import { decAdd, decTimes, decToNumber, inTicks, priceDiff, withinTicks } from './exact-price.ts';

function delay(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Compares fill `fb` with `fa`, records what differs and returns true when nothing does. */
export function compareFill(ctx: CompareContext, fa: FillRecord, fb: FillRecord): boolean {
  const before = ctx.differences.length;
  const uid = fa.instrumentUid;
  const where = fa.time;
  if (fa.lots !== fb.lots) {
    ctx.add(
      'different-fill-lots',
      where,
      uid,
      `${fa.side} fill of ${fa.lots} lots in A, ${fb.lots} in B`,
    );
  }
  const dt = fb.time - fa.time;
  if (Math.abs(dt) > ctx.tolerance.fillDelayMs) {
    ctx.add(
      dt > 0 ? 'fill-later' : 'fill-earlier',
      where,
      uid,
      `B filled ${delay(Math.abs(dt))} ${dt > 0 ? 'later' : 'earlier'} (${isoUtc(fb.time)}), beyond the ${delay(ctx.tolerance.fillDelayMs)} tolerated`,
    );
  }
  const slipped = priceSlippage(ctx, fa, fb);
  // Commissions are percentages of notional, off any grid: compared at the 1e-6 the reports print.
  if (Math.round(fb.commission * 1e6) !== Math.round(fa.commission * 1e6)) {
    ctx.add(
      slipped === 'within' ? 'commission-with-slippage' : 'different-commission',
      where,
      uid,
      `commission ${fa.commission} in A, ${fb.commission} in B`,
    );
  }
  return ctx.differences.length === before;
}

/** Records the price difference of two fills; says whether there was one and how it compares. */
function priceSlippage(
  ctx: CompareContext,
  fa: FillRecord,
  fb: FillRecord,
): 'none' | 'within' | 'outside' {
  const spec = ctx.spec(fa.instrumentUid);
  const raw = priceDiff(fa.price, fb.price, spec.step);
  if (raw.units === 0n) return 'none';
  // Adverse is positive: a buy that paid more, a sell that received less.
  const adverse = fa.side === 'buy' ? raw : { units: -raw.units, places: raw.places };
  const money = decTimes(adverse, spec.lot * fb.lots);
  ctx.slippage = decAdd(ctx.slippage, money);
  const ticks = inTicks(adverse, spec.step);
  const within = withinTicks(adverse, spec.step, ctx.tolerance.priceTicks);
  const size =
    ticks === undefined ? `${decToNumber(adverse)} (price step unknown)` : `${ticks} ticks`;
  ctx.add(
    within ? 'price-slippage-within' : 'price-slippage-outside',
    fa.time,
    fa.instrumentUid,
    `${fa.side} at ${fa.price} in A, ${fb.price} in B: slippage ${size}, ${decToNumber(money)} in money, ${within ? 'within' : 'outside'} ${ctx.tolerance.priceTicks} ticks`,
    { ...(ticks === undefined ? {} : { slippageTicks: ticks }), slippageMoney: decToNumber(money) },
  );
  return within ? 'within' : 'outside';
}

/** Compares a pair of fills and counts it as matched or different. */
export function tallyFill(ctx: CompareContext, fa: FillRecord, fb: FillRecord): void {
  if (compareFill(ctx, fa, fb)) ctx.fills.matched++;
  else ctx.fills.different++;
}

/** Counts and records a fill only one run has; `why` says why the other has none. */
export function oneSidedFill(
  ctx: CompareContext,
  side: 'A' | 'B',
  f: FillRecord,
  why = `${side === 'A' ? 'B' : 'A'} has no such fill`,
): void {
  if (side === 'A') ctx.fills.onlyA++;
  else ctx.fills.onlyB++;
  ctx.add(
    side === 'A' ? 'unfilled' : 'extra-fill',
    f.time,
    f.instrumentUid,
    `${side} filled ${f.side} ${f.lots} @ ${f.price}; ${why}`,
  );
}
