/**
 * @module Which instrument trading statuses let an order through. Statuses arrive as the client
 * spells them (`SecurityTradingStatus` without its `SECURITY_TRADING_STATUS_` prefix, lower case:
 * `normal_trading`); the full enum name in any case is accepted too so a config file can quote the
 * API reference.
 */

/**
 * Statuses in which the venue runs continuous trading and accepts both market and limit orders:
 * exchange normal trading and the dealer (OTC / off-exchange hours) equivalent. Auctions, breaks,
 * opening and closing periods and every `not_available` status are refused unless a config widens
 * the set (auction phases accept limit orders only, which a guard cannot promise for every order).
 */
export const DEFAULT_TRADABLE_STATUSES: readonly string[] = [
  'normal_trading',
  'dealer_normal_trading',
];

/** The 17 SecurityTradingStatus names (without prefix, lower case), for validating a config. */
export const KNOWN_TRADING_STATUSES: readonly string[] = [
  'unspecified',
  'not_available_for_trading',
  'opening_period',
  'closing_period',
  'break_in_trading',
  'normal_trading',
  'closing_auction',
  'dark_pool_auction',
  'discrete_auction',
  'opening_auction_period',
  'trading_at_closing_auction_price',
  'session_assigned',
  'session_close',
  'session_open',
  'dealer_normal_trading',
  'dealer_break_in_trading',
  'dealer_not_available_for_trading',
];

/** `SECURITY_TRADING_STATUS_NORMAL_TRADING`, `Normal_Trading` and `normal_trading` all read alike. */
export function normalizeTradingStatus(status: string): string {
  return status
    .trim()
    .toLowerCase()
    .replace(/^security_trading_status_/, '');
}
