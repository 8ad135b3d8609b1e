import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/random.ts';
import { ratioToNumber } from '../../../src/engine/exact/exact-ratio.ts';
import { printedDecimal } from '../../../src/engine/exact/printed-decimal.ts';
import { runBacktest } from '../../../src/engine/index.ts';
import { randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../../stubs/scripted-strategy.ts';
import { MON, rtsFuture } from './fixtures.ts';

/** An exact decimal as a BigInt over 10^places. */
function big(x: number, places: number): bigint {
  const p = printedDecimal(x);
  return p.units * 10n ** BigInt(places - p.places);
}

describe('futures money is exact over many clearings', () => {
  it('ends flat with cash equal to the BigInt sum of P&L in points times the point value, less fees', async () => {
    const ri = rtsFuture();
    const count = 4 * 24 * 60;
    const walk = randomWalk({
      seed: 11,
      count,
      start: MON,
      startPrice: 110_000,
      tick: 10,
      vol: 0.0015,
    });
    const rnd = new SeededRandom(7);
    const strategy = new ScriptedStrategy((k, _c, ctx) => {
      if (k === count - 2) ctx.targetPosition(0);
      else if (k % 53 === 0 && k < count - 2) ctx.targetPosition(Math.floor(rnd.next() * 7) - 3);
    });
    const r = await runBacktest({
      strategy,
      strategyName: 'scripted',
      instruments: [ri],
      interval: '1m',
      range: { from: MON, to: MON + count * 60_000 },
      feed: new MemoryFeed().add({ instrumentUid: ri.uid, interval: '1m' }, walk),
      startingCash: 100_000,
    });
    expect(r.fills.length).toBeGreaterThan(50);
    expect(r.openPositions).toEqual([]);
    // Σ −signed lots × ticks × 12.3456 − Σ fees, in units of 10^-6 rub.
    const P = 6;
    let units = big(100_000, P);
    for (const f of r.fills) {
      const q = BigInt(f.side === 'buy' ? f.lots : -f.lots);
      units -= q * BigInt(Math.round(f.price / 10)) * big(12.3456, P);
      units -= big(f.commission, P);
    }
    expect(r.economics?.cash.rub).toBe(ratioToNumber(units, 10n ** BigInt(P)));
    const vm = r.economics?.instruments[0].variationMargin ?? NaN;
    const pnl = r.fills.reduce(
      (s, f) => s - (f.side === 'buy' ? 1 : -1) * f.lots * Math.round(f.price / 10),
      0,
    );
    expect(vm).toBe(ratioToNumber(BigInt(pnl) * big(12.3456, 4), 10_000n));
  });
});
