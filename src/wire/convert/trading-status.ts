/**
 * @module The venue's trading phases as the API's SecurityTradingStatus values.
 */
import { SecurityTradingStatus } from '../generated/tinkoff/public/invest/api/contract/v1/common.ts';

/** A trading phase of the exchange day (the emulator's schedule uses exactly these). */
export type PhaseName = 'closed' | 'opening-auction' | 'normal' | 'closing-auction' | 'break';

const TABLE: Record<PhaseName, SecurityTradingStatus> = {
  closed: SecurityTradingStatus.SECURITY_TRADING_STATUS_NOT_AVAILABLE_FOR_TRADING,
  'opening-auction': SecurityTradingStatus.SECURITY_TRADING_STATUS_OPENING_AUCTION_PERIOD,
  normal: SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING,
  'closing-auction': SecurityTradingStatus.SECURITY_TRADING_STATUS_CLOSING_AUCTION,
  break: SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING,
};

/** SecurityTradingStatus of a phase. */
export function tradingStatusOf(phase: PhaseName): SecurityTradingStatus {
  return TABLE[phase];
}
