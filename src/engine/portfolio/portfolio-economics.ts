/**
 * @module The seam through which instrument economics (src/engine/economics) take over a portfolio's
 * special slots (futures, bonds, instruments in another currency) and its equity mark. A portfolio
 * without one is today's single-currency share account, untouched.
 */
import type { FillRecord } from '../result.ts';

/** What a portfolio delegates to its economics. */
export interface PortfolioEconomics {
  /** 1 for a slot whose fills the economics book, 0 for a plain share in the base currency. */
  readonly special: Uint8Array;
  /** Books one execution of a special slot (money, then the position through commitPosition). */
  applyFill(slot: number, fill: FillRecord): void;
  /** Equity in the base currency. */
  equity(): number;
  /** Mark-to-market P&L of a special slot's open position, in its currency. */
  unrealized(slot: number): number;
}
