/**
 * @module Options of the order side of the venue (accounts, execution, idempotency, hosts), as the
 * emulator's callers and `tlab serve` set them.
 */

/** Money a production-like account starts with: currency -> decimal amount. */
export type StartingMoney = Record<string, string>;

/** How the venue trades. */
export interface TradingOptions {
  /**
   * The answer to a repeated `order_id`: the original order (default) or INVALID_ARGUMENT 30057. The
   * real API has answered both ways; a second order is never placed.
   */
  repeatAnswer?: 'original' | 'duplicate';
  /** Commission of the production-like venue, a decimal fraction of trade value (default 0.0004). */
  commissionRate?: string;
  /** Commission of the sandbox (default 0.0005, the documented 0.05%). */
  sandboxCommissionRate?: string;
  /** Limit prices further than this fraction from the last price are refused with 30099 (0.2). */
  priceBand?: number;
  /** Orders worth more than this (in the instrument's currency) are refused with 30109. */
  maxOrderValue?: string;
  /** Leverage the sandbox grants in both directions (default 2, as documented). */
  sandboxLeverage?: number;
  /** Accounts the production-like venue has on first start (default one with 1 000 000 RUB). */
  accounts?: { name?: string; money?: StartingMoney }[];
  /** At most this many open sandbox accounts (35001 beyond; default 10). */
  sandboxAccountLimit?: number;
  /** Tokens that may read but not trade (40002 on orders). */
  readOnlyTokens?: string[];
  /** Tokens that select the sandbox on the main port (every token does on the sandbox port). */
  sandboxTokens?: string[];
  /** SQLite state file; without it the venue keeps its state in memory. */
  stateFile?: string;
}

type Defaulted =
  | 'repeatAnswer'
  | 'commissionRate'
  | 'sandboxCommissionRate'
  | 'priceBand'
  | 'maxOrderValue'
  | 'sandboxLeverage'
  | 'accounts'
  | 'sandboxAccountLimit';

/** Options with every default filled in. */
export type ResolvedTradingOptions = TradingOptions & Required<Pick<TradingOptions, Defaulted>>;

/** Defaults of every option. */
export const TRADING_DEFAULTS: Required<Pick<TradingOptions, Defaulted>> = {
  repeatAnswer: 'original',
  commissionRate: '0.0004',
  sandboxCommissionRate: '0.0005',
  priceBand: 0.2,
  maxOrderValue: '1000000000',
  sandboxLeverage: 2,
  accounts: [{ name: 'Брокерский счёт', money: { rub: '1000000' } }],
  sandboxAccountLimit: 10,
};
