/**
 * @module The guards' position source read from the kernel's account (the AccountView a wrapped
 * broker is given), so the max-position guard and flattening see the same lots as the portfolio,
 * including positions the session restored or reconciled before the first order.
 */
import type { AccountView } from '../../engine/ports/broker.ts';

/** `position(uid)` for GuardedBrokerOptions: the account's signed lots of the instrument's slot. */
export function accountPositions(
  account: AccountView,
  instruments: readonly { uid: string }[],
): (uid: string) => number {
  const slotOf = new Map(instruments.map((inst, slot) => [inst.uid, slot]));
  return (uid) => {
    const slot = slotOf.get(uid);
    return slot === undefined ? 0 : account.lots[slot];
  };
}
