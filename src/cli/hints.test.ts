/** @module Tests for the CLI's wording of typed errors from lower layers. */
import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors.ts';
import { UnknownInstrumentError } from '../core/instrument-ref.ts';
import { toTinkoffApiError } from '../live/client/api-error.ts';
import { readResponseMeta } from '../live/client/response-meta.ts';
import { cliHint, cliLine } from './hints.ts';

function apiError(code: number, details: string, sandbox = false) {
  return toTinkoffApiError(
    { code, details },
    {
      method: 'MarketDataService/GetCandles',
      idempotent: true,
      sandbox,
      meta: readResponseMeta(new Metadata()),
      redact: (s) => s,
    },
  );
}

describe('cliHint', () => {
  it('names the CLI flags where the library hint names only environment variables', () => {
    expect(cliHint(apiError(status.UNAUTHENTICATED, '40003'))).toMatch(
      /TINKOFF_TOKEN_STRING.*only works with --sandbox/,
    );
    expect(cliHint(apiError(status.UNAUTHENTICATED, '40003', true))).toMatch(
      /SANDBOX_TOKEN_STRING.*does not work with --sandbox/,
    );
    expect(cliHint(apiError(status.UNAVAILABLE, 'self-signed certificate'))).toMatch(/--ca-file/);
    expect(cliHint(apiError(status.UNAVAILABLE, 'No connection established'))).toMatch(
      /--endpoint \/ TINVEST_ENDPOINT/,
    );
    expect(cliHint(apiError(status.NOT_FOUND, '50002'))).toMatch(/tlab instruments find/);
  });
  it('keeps the error hint where the CLI has no wording of its own', () => {
    const limited = apiError(status.RESOURCE_EXHAUSTED, '80002');
    expect(cliHint(limited)).toBe(limited.hint);
    expect(cliLine(new NotFoundError('x', 'y'))).toBe('x: y');
  });
  it('words an unknown instrument as the lookup command', () => {
    const e = new UnknownInstrumentError({ kind: 'ticker', ticker: 'NOPE', classCode: 'TQBR' });
    expect(cliLine(e)).toBe(
      'unknown instrument NOPE@TQBR: look it up with: tlab instruments find NOPE',
    );
    expect(e.hint).not.toMatch(/tlab/);
  });
});
