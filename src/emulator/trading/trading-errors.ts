/**
 * @module The business errors of the order side of the venue, as the real API sends them: gRPC
 * status, the numeric code (status details) and an English text (the `message` trailer). Texts follow
 * the public error catalogue's meaning in the emulator's own words.
 */
import { status } from '@grpc/grpc-js';
import { ApiError } from '../api-error.ts';

const invalid = (code: string, text: string) => () =>
  new ApiError(status.INVALID_ARGUMENT, code, text);
const notFound = (code: string, text: string) => () => new ApiError(status.NOT_FOUND, code, text);

/** Factories for every trading error the venue answers with. */
export const tradingErrors = {
  quantityMissing: invalid('30015', 'Parameter quantity is missing or equal to 0'),
  priceMissing: invalid('30017', 'Missing parameter: price'),
  directionMissing: invalid('30019', 'Missing parameter: direction'),
  accountIdMissing: invalid('30021', 'Missing parameter: account_id'),
  orderTypeMissing: invalid('30025', 'Missing parameter: order_type'),
  orderIdMissing: invalid('30027', 'Missing parameter: order_id'),
  notEnoughBalance: invalid('30034', 'Not enough balance'),
  stopPriceMissing: invalid('30036', 'Missing parameter: stop_price'),
  stopTypeMissing: invalid('30037', 'Missing parameter: stop_order_type'),
  trailingInvalid: (why: string) =>
    new ApiError(status.INVALID_ARGUMENT, '30039', `Bad request: trailing_data (${why})`),
  expireDateInvalid: invalid('30040', 'expire_date is invalid'),
  notEnoughAssets: invalid('30042', 'Not enough assets for a margin trade'),
  expirationTypeMissing: invalid('30043', 'Missing parameter: expiration_type'),
  orderIdTooLong: invalid('30055', 'order_id cannot be longer than 36 characters'),
  duplicateOrder: invalid('30057', 'The order is a duplicate, but the order report was not found'),
  cancelError: (why: string) =>
    new ApiError(status.INVALID_ARGUMENT, '30059', `Cancel order error: ${why}`),
  cancelStopError: (why: string) =>
    new ApiError(status.INVALID_ARGUMENT, '30060', `Cancel stop-order error: ${why}`),
  limitTooHigh: invalid('30069', 'Invalid parameter: limit (at most 1000)'),
  badTick: invalid('30078', 'Incorrect minimum price increment'),
  notTradable: invalid('30079', 'Instrument is not available for trading'),
  quantityNotPositive: invalid('30080', 'quantity must be positive'),
  accountClosed: invalid('30081', 'Account status is closed'),
  weekend: invalid('30092', 'Trading unavailable on weekends'),
  instrumentIdMissing: invalid('30093', 'Missing parameter: figi or instrument_id'),
  notExecuted: invalid('30095', 'The request was not executed by the exchange'),
  wrongSession: invalid('30097', 'Inappropriate trading session'),
  noTradingNow: invalid('30098', 'Currently there is no trading on this financial instrument'),
  outsideLimits: invalid('30099', 'The price is outside the limits for this instrument'),
  priceNotPositive: invalid('30100', 'The price must be positive'),
  maxAmountExceeded: invalid('30109', 'Maximum transaction amount has been exceeded'),
  sandboxAccountLimit: invalid('35001', 'Sandbox accounts limit reached'),
  noPrivileges: () => new ApiError(status.PERMISSION_DENIED, '40002', 'Insufficient privileges'),
  accountNotFound: notFound('50004', 'Account not found'),
  orderNotFound: notFound('50005', 'Order not found'),
  stopOrderNotFound: notFound('50006', 'Stop-order not found'),
  networkError: () => new ApiError(status.INTERNAL, '70002', 'Internal network error'),
} as const;
