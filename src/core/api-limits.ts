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

/**
 * Methods with a per-minute limit of their own, keyed `Service/Method`. Such a method is counted
 * against its own limit instead of its service's (the service figure would make a PostOrder limit
 * of 300 unreachable under OrdersService's 100). GetOrderState and the other OrdersService methods
 * have no figure of their own and share the service's 100.
 */
export const API_METHOD_LIMITS_PER_MINUTE: Readonly<Record<string, number>> = {
  'OrdersService/GetOrders': 200,
  'OrdersService/PostOrder': 300,
  'OrdersService/CancelOrder': 100,
  'OrdersService/PostOrderAsync': 450,
};
