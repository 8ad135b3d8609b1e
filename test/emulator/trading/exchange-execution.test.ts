/**
 * The production-like venue: orders meet the scripted book and tape as on the exchange (partial
 * fills over several levels and trades), commission from the configured tariff, exact money.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { moneyToString } from '../../../src/wire/convert/index.ts';
import { OrderExecutionReportStatus as S } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { PositionsResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { orderState, postOrder, prodAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { MIN, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const rubOf = (p: PositionsResponse) => moneyToString(p.money.find((m) => m.currency === 'rub'));

describe('production-like execution', () => {
  it('fills over several book levels and then over several trades, at the tariff commission', async () => {
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(
        SBER.uid,
        T0 - 60_000,
        [[270.1, 5]],
        [
          [270.2, 2],
          [270.3, 3],
          [270.4, 9],
        ],
      )
      .trade(SBER.uid, T0 + 10_000, 270.25, 2, 'sell')
      .trade(SBER.uid, T0 + 20_000, 270.3, 4, 'sell');
    h = await venueHarness({ trading: { commissionRate: '0.0004' } }, tape);
    const acc = await prodAccount(h);
    const r = (await postOrder(h, acc, { dir: 'buy', lots: 10, price: '270.30' })).res!;
    // Takes 2 lots at 270.20 and 3 at 270.30; the level at 270.40 is beyond the limit.
    expect(r.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_PARTIALLYFILL);
    expect(r.lotsExecuted).toBe(5);
    h.clock.advanceTo(T0 + 15_000);
    expect((await orderState(h, acc, r.orderId)).lotsExecuted).toBe(7);
    h.clock.advanceTo(T0 + MIN);
    const st = await orderState(h, acc, r.orderId);
    expect(st.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_FILL);
    expect(st.stages.map((s) => [s.quantity, moneyToString(s.price)])).toEqual([
      [2, '270.2'],
      [3, '270.3'],
      [2, '270.3'],
      [3, '270.3'],
    ]);
    // 5404.00 + 8109.00 + 5406.00 + 8109.00 = 27028.00; commission 2.16 + 3.24 + 2.16 + 3.24.
    expect(moneyToString(st.executedOrderPrice)).toBe('27028');
    expect(moneyToString(st.executedCommission)).toBe('10.8');
    const p = await h.ok<object, PositionsResponse>(h.ops, 'getPositions', { accountId: acc });
    expect(rubOf(p)).toBe('972961.2');
    expect(p.blocked).toEqual([]);
    expect(p.securities[0].balance).toBe(100);
  });

  it('cancels the rest of a market order the book cannot fill', async () => {
    const tape = new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15).book(
      SBER.uid,
      T0 - 60_000,
      [
        [270.1, 1],
        [270, 1],
      ],
      [[270.2, 5]],
    );
    h = await venueHarness({}, tape);
    const acc = await prodAccount(h);
    const r = (await postOrder(h, acc, { dir: 'sell', lots: 3 })).res!;
    expect(r.executionReportStatus).toBe(S.EXECUTION_REPORT_STATUS_CANCELLED);
    expect(r.lotsExecuted).toBe(2);
    // 270.10 x 10 + 270.00 x 10 = 5401.00, average 270.05 per piece.
    expect(moneyToString(r.executedOrderPrice)).toBe('270.05');
    const p = await h.ok<object, PositionsResponse>(h.ops, 'getPositions', { accountId: acc });
    expect(p.securities[0].balance).toBe(-20);
  });
});
