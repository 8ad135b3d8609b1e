// compareRuns over hand-built RunRecords: identical runs give no difference; each kind of
// difference is found where it happened and classified; tolerance boundaries are exact on the tick
// grid (prices that float arithmetic would put a hair apart still tie).
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/app/parity/compare-runs.ts';
import type { ParityReport } from '../../../src/app/parity/types.ts';
import { buy, GAZP, MIN, run, SBER, sell, SPECS, step, T0 } from '../run-fixture.ts';

const base = () => [
  step(T0 + 10 * MIN, buy(2), 250.1),
  step(T0 + 20 * MIN, sell(2), 251.3),
  step(T0 + 30 * MIN, buy(1, GAZP.uid), 160.05),
];
const kinds = (r: ParityReport) => r.differences.map((d) => d.kind);

describe('compareRuns', () => {
  it('finds nothing between identical runs and says they are within tolerance', () => {
    const r = compareRuns(
      run('a', base()),
      run('b', base(), { mode: 'sandbox' }),
      undefined,
      SPECS,
    );
    expect(r.differences).toEqual([]);
    expect(r.matchedBy).toBe('decisions');
    expect(r.summary).toMatchObject({
      decisions: { matched: 3, different: 0, onlyA: 0, onlyB: 0 },
      fills: { matched: 3, different: 0, onlyA: 0, onlyB: 0 },
      slippageCost: 0,
      withinTolerance: true,
    });
  });

  it('classifies a missing and an extra decision with their time and instrument', () => {
    const b = base();
    b.splice(1, 1);
    b.push(step(T0 + 40 * MIN, sell(1, GAZP.uid), 160.2));
    const r = compareRuns(run('a', base()), run('b', b), undefined, SPECS);
    expect(kinds(r)).toEqual(['missing-decision', 'extra-decision']);
    expect(r.differences[0]).toMatchObject({ time: T0 + 20 * MIN, ticker: 'SBER' });
    expect(r.differences[1]).toMatchObject({ time: T0 + 40 * MIN, ticker: 'GAZP' });
    expect(r.summary.decisions).toEqual({ matched: 2, different: 0, onlyA: 1, onlyB: 1 });
    expect(r.summary.fills).toEqual({ matched: 2, different: 0, onlyA: 1, onlyB: 1 });
    expect(r.summary.withinTolerance).toBe(false);
  });

  it('classifies a different size, side, order type and limit price', () => {
    const b = base();
    b[0] = step(T0 + 10 * MIN, buy(3), 250.1);
    b[1] = step(T0 + 20 * MIN, { ...buy(2), type: 'limit', limitPrice: 251.28 }, 251.3);
    const a = base();
    a[1] = step(T0 + 20 * MIN, { ...sell(2), type: 'limit', limitPrice: 251.3 }, 251.3);
    const r = compareRuns(run('a', a), run('b', b), undefined, SPECS);
    expect(kinds(r)).toEqual([
      'different-size',
      'different-fill-lots',
      'different-side',
      'different-limit-price',
    ]);
    expect(r.differences[3].detail).toContain('-2 ticks');
    expect(r.summary.decisions.different).toBe(2);
  });

  it('measures slippage in ticks and money and sums it exactly', () => {
    const b = base();
    b[0] = step(T0 + 10 * MIN, buy(2), 250.13); // paid 3 ticks more: adverse
    b[1] = step(T0 + 20 * MIN, sell(2), 251.29); // received 1 tick less: adverse
    b[2] = step(T0 + 30 * MIN, buy(1, GAZP.uid), 160.04); // paid 1 tick less: favourable
    const r = compareRuns(run('a', base()), run('b', b), { priceTicks: 1, fillDelayMs: 0 }, SPECS);
    expect(kinds(r)).toEqual([
      'price-slippage-outside',
      'price-slippage-within',
      'price-slippage-within',
    ]);
    expect(r.differences.map((d) => d.slippageTicks)).toEqual([3, 1, -1]);
    // 0.03·10·2 + 0.01·10·2 - 0.01·10·1, which floats would give as 0.7000000000000001 or so.
    expect(r.differences.map((d) => d.slippageMoney)).toEqual([0.6, 0.2, -0.1]);
    expect(r.summary.slippageCost).toBe(0.7);
    expect(r.summary.withinTolerance).toBe(false);
  });

  it('treats a price exactly at the tolerance as within and one tick beyond as outside', () => {
    // A sell at 0.3 (A) against one at 0.1 + 0.2 = 0.30000000000000004 (B): B received a hair more
    // in floats, but on the grid both are 30 ticks, so nothing differs; a buy at 0.1 against one at
    // 0.30000000000000004 is exactly 20 ticks worse, a tie with a 20-tick tolerance.
    const tick = new Map([[SBER.uid, { step: 0.01, lot: 1 }]]);
    const tol = (priceTicks: number) => ({ priceTicks, fillDelayMs: 0 });
    const at = (side: typeof buy, p: number) => [step(T0 + 10 * MIN, side(1), p)];
    const noisy = 0.1 + 0.2;
    expect(noisy).not.toBe(0.3);
    expect(
      kinds(compareRuns(run('a', at(sell, 0.3)), run('b', at(sell, noisy)), tol(0), tick)),
    ).toEqual([]);
    const tie = compareRuns(run('a', at(buy, 0.1)), run('b', at(buy, noisy)), tol(20), tick);
    expect(kinds(tie)).toEqual(['price-slippage-within']);
    expect(tie.differences[0].slippageTicks).toBe(20);
    expect(tie.differences[0].slippageMoney).toBe(0.2);
    expect(tie.summary.withinTolerance).toBe(true);
    const beyond = compareRuns(run('a', at(buy, 0.1)), run('b', at(buy, noisy)), tol(19), tick);
    expect(kinds(beyond)).toEqual(['price-slippage-outside']);
    expect(beyond.summary.withinTolerance).toBe(false);
  });

  it('classifies a later fill against the delay tolerance, boundary included', () => {
    const late = base();
    late[0] = {
      ...late[0],
      fills: [{ lots: 2, price: 250.1, time: T0 + 12 * MIN, commission: 0.5 }],
    };
    const a = run('a', base());
    expect(
      kinds(compareRuns(a, run('b', late), { priceTicks: 0, fillDelayMs: MIN }, SPECS)),
    ).toEqual([]);
    const r = compareRuns(a, run('b', late), { priceTicks: 0, fillDelayMs: MIN - 1 }, SPECS);
    expect(kinds(r)).toEqual(['fill-later']);
    expect(r.differences[0].detail).toContain('60s later');
  });

  it('says why an order did not fill: rejected by the venue with its reason, or cancelled', () => {
    const b = base();
    b[0] = {
      time: T0 + 10 * MIN,
      request: buy(2),
      end: { status: 'rejected', code: 'venue', reason: '30042: not enough assets' },
    };
    b[1] = {
      time: T0 + 20 * MIN,
      request: sell(2),
      end: { status: 'cancelled', reason: 'kill switch' },
    };
    b[2] = { time: T0 + 30 * MIN, request: buy(1, GAZP.uid) };
    const r = compareRuns(run('a', base()), run('b', b), undefined, SPECS);
    expect(kinds(r)).toEqual(['rejected-by-venue', 'unfilled', 'unfilled']);
    expect(r.differences[0].detail).toContain('30042: not enough assets');
    expect(r.differences[1].detail).toContain('cancelled in B (kill switch)');
    expect(r.differences[2].detail).toContain('still open');
    expect(r.summary.fills.onlyA).toBe(3);
  });

  it('flags a different commission and an extra partial fill', () => {
    const b = base();
    b[0] = {
      time: T0 + 10 * MIN,
      request: buy(2),
      fills: [
        { lots: 2, price: 250.1, time: T0 + 11 * MIN, commission: 0.6 },
        { lots: 1, price: 250.1, time: T0 + 11 * MIN, commission: 0.1 },
      ],
    };
    const r = compareRuns(run('a', base()), run('b', b), undefined, SPECS);
    expect(kinds(r)).toEqual(['different-commission', 'extra-fill']);
  });

  it('tolerates the commission a tolerated slippage brings, and only that', () => {
    const slipped = (commission: number, price: number) => [
      {
        time: T0 + 10 * MIN,
        request: buy(2),
        fills: [{ lots: 2, price, time: T0 + 11 * MIN, commission }],
      },
    ];
    const a = run('a', slipped(0.5, 250.1));
    const within = compareRuns(
      a,
      run('b', slipped(0.51, 250.11)),
      { priceTicks: 1, fillDelayMs: 0 },
      SPECS,
    );
    expect(kinds(within)).toEqual(['price-slippage-within', 'commission-with-slippage']);
    expect(within.summary.withinTolerance).toBe(true);
    const outside = compareRuns(
      a,
      run('b', slipped(0.51, 250.12)),
      { priceTicks: 1, fillDelayMs: 0 },
      SPECS,
    );
    expect(kinds(outside)).toEqual(['price-slippage-outside', 'different-commission']);
  });

  it('compares only the common period', () => {
    const a = run('a', base(), { to: T0 + 25 * MIN });
    const r = compareRuns(a, run('b', base()), undefined, SPECS);
    expect(r.period).toEqual({ from: T0, to: T0 + 25 * MIN });
    expect(r.summary.decisions.matched).toBe(2);
    expect(r.differences).toEqual([]);
    const apart = compareRuns(run('a', base(), { to: T0 }), run('b', base()), undefined, SPECS);
    expect(apart.summary.withinTolerance).toBe(false);
    expect(apart.notes.join(' ')).toMatch(/no period in common/);
  });

  it('matches fill by fill when a run has no decisions, and flags unknown price steps', () => {
    const a = run('a', base());
    const fillsOnly = { ...run('b', base()), decisions: [], events: [] };
    fillsOnly.fills = fillsOnly.fills.filter((f) => f.instrumentUid !== GAZP.uid);
    const r = compareRuns(a, fillsOnly, undefined, new Map());
    expect(r.matchedBy).toBe('fills');
    expect(kinds(r)).toEqual(['unfilled']);
    expect(r.differences[0].ticker).toBe('GAZP');
    expect(r.notes.join(' ')).toMatch(/recorded no decisions/);
    expect(r.notes.join(' ')).toMatch(/price step unknown/);
  });
});
