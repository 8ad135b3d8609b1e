/**
 * @module Fill-by-fill matching for runs that carry no decisions (a backtest `--out` folder): per
 * instrument, fills in time order are walked side by side; fills on the same side pair up, and a
 * fill on one side only is unfilled (only in A) or extra (only in B).
 */
import type { FillRecord } from '../../engine/result.ts';
import type { CompareContext } from './compare-context.ts';
import { oneSidedFill, tallyFill } from './compare-fill.ts';

function perInstrument(
  fills: readonly FillRecord[],
  from: number,
  to: number,
): Map<string, FillRecord[]> {
  const m = new Map<string, FillRecord[]>();
  for (const f of fills) {
    if (f.time < from || f.time >= to) continue;
    const list = m.get(f.instrumentUid);
    if (list === undefined) m.set(f.instrumentUid, [f]);
    else list.push(f);
  }
  for (const list of m.values()) list.sort((x, y) => x.time - y.time);
  return m;
}

/** Compares the fills of the common period instrument by instrument. */
export function matchFills(ctx: CompareContext, from: number, to: number): void {
  const ma = perInstrument(ctx.a.fills, from, to);
  const mb = perInstrument(ctx.b.fills, from, to);
  for (const uid of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const la = ma.get(uid) ?? [];
    const lb = mb.get(uid) ?? [];
    let i = 0;
    let j = 0;
    while (i < la.length || j < lb.length) {
      const fa = la[i];
      const fb = lb[j];
      if (fa !== undefined && fb !== undefined && fa.side === fb.side) {
        tallyFill(ctx, fa, fb);
        i++;
        j++;
      } else if (fa !== undefined && (fb === undefined || fa.time <= fb.time)) {
        oneSidedFill(ctx, 'A', fa);
        i++;
      } else if (fb !== undefined) {
        oneSidedFill(ctx, 'B', fb);
        j++;
      }
    }
  }
}
