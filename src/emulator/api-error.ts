/**
 * @module The emulator's business errors in the real API's shape: a gRPC status, the numeric API
 * code that goes into the status details, and an English text for the `message` trailer. Only the
 * codes the emulator can produce are listed; the texts are the emulator's own wording.
 */
import { status } from '@grpc/grpc-js';

/** An error a handler throws; the unary wrapper turns it into a gRPC status with trailers. */
export class ApiError extends Error {
  constructor(
    readonly grpcStatus: status,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const invalid = (code: string, text: string) => () =>
  new ApiError(status.INVALID_ARGUMENT, code, text);

/** Factories for every error the emulator answers with. */
export const apiErrors = {
  missingFrom: invalid('30001', 'Missing parameter: from'),
  missingTo: invalid('30004', 'Missing parameter: to'),
  missingInstrument: invalid('30008', 'Missing parameter: figi or instrument_id'),
  badInterval: invalid('30011', 'Invalid parameter: interval'),
  toBeforeFrom: invalid('30012', 'Invalid parameter: to can not be less than from'),
  classCodeRequired: invalid('30013', 'Missing parameter: class_code is required for ticker'),
  periodExceeded: invalid(
    '30014',
    'The maximum request period for the given candle interval has been exceeded',
  ),
  badYear: invalid('30086', 'Year is invalid'),
  instrumentNotFound: () => new ApiError(status.NOT_FOUND, '50002', 'Instrument not found'),
  noArchive: () => new ApiError(status.NOT_FOUND, '', 'No data for this instrument and year'),
  internal: (cause?: unknown) =>
    new ApiError(
      status.INTERNAL,
      '70001',
      `Internal error${cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : ''}`,
    ),
  unauthenticated: () =>
    new ApiError(status.UNAUTHENTICATED, '40003', 'Authentication token is missing or invalid'),
  rateLimited: () => new ApiError(status.RESOURCE_EXHAUSTED, '80002', 'Request limit exceeded'),
  unavailable: () =>
    new ApiError(status.UNAVAILABLE, '', 'Service is temporarily unavailable (injected fault)'),
  tooManyStreams: () =>
    new ApiError(status.RESOURCE_EXHAUSTED, '80001', 'Concurrent stream limit exceeded'),
  noSubscriptions: () =>
    new ApiError(status.RESOURCE_EXHAUSTED, '80004', 'The stream has no active subscriptions'),
  streamLifetime: () =>
    new ApiError(status.RESOURCE_EXHAUSTED, '80005', 'Stream lifetime exceeded, reconnect'),
  streamDropped: () => new ApiError(status.UNAVAILABLE, '', 'Stream dropped (injected fault)'),
} as const;
