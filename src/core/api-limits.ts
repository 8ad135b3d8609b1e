/**
 * @module The T-Invest API's documented per-minute request limits: one counter per service summed
 * over its methods, per user, plus the yearly archive. The client paces itself under them and the
 * emulator enforces them, so both read this one table.
 */

/** Unary requests per minute per service, and archive downloads per minute. */
export const API_LIMITS_PER_MINUTE: Readonly<Record<string, number>> = {
  MarketDataService: 600,
  InstrumentsService: 200,
  UsersService: 100,
  OperationsService: 200,
  OrdersService: 100,
  SandboxService: 200,
  StopOrdersService: 50,
  archive: 30,
};
