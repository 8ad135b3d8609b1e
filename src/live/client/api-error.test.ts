/** @module Tests for mapping grpc-js errors to TinkoffApiError: codes, trailers, retryable split, hints. */
import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { TlabError } from '../../core/errors.ts';
import { TinkoffApiError, toTinkoffApiError, type ErrorContext } from './api-error.ts';
import { isEndpointFailure, retryDelay } from './policies.ts';
import { makeRedactor } from './redact.ts';
import { readResponseMeta } from './response-meta.ts';

const TOKEN = 't.SeCrEt-token-value-123';

function trailers(entries: Record<string, string>): Metadata {
  const md = new Metadata();
  for (const [k, v] of Object.entries(entries)) md.set(k, v);
  return md;
}

function map(
  err: { code: number; details: string },
  md: Metadata,
  opts: Partial<ErrorContext> = {},
) {
  return toTinkoffApiError(err, {
    method: 'MarketDataService/GetCandles',
    idempotent: true,
    sandbox: false,
    meta: readResponseMeta(undefined, md),
    redact: makeRedactor([TOKEN]),
    ...opts,
  });
}

describe('toTinkoffApiError', () => {
  it('reads code, message, tracking id and rate-limit fields', () => {
    const e = map(
      { code: status.UNAUTHENTICATED, details: '40003' },
      trailers({
        'x-tracking-id': 'trk-1',
        message: 'Authentication token is missing or invalid',
        'x-ratelimit-limit': '100, 100;w=60',
        'x-ratelimit-remaining': '99',
        'x-ratelimit-reset': '32',
      }),
    );
    expect(e).toBeInstanceOf(TinkoffApiError);
    expect(e).toBeInstanceOf(TlabError);
    expect(e).toMatchObject({
      grpcCode: status.UNAUTHENTICATED,
      grpcName: 'UNAUTHENTICATED',
      apiCode: 40003,
      apiMessage: 'Authentication token is missing or invalid',
      trackingId: 'trk-1',
      rateLimit: { limit: 100, remaining: 99, resetSeconds: 32 },
      retryable: false,
    });
    expect(e.message).toBe(
      'MarketDataService/GetCandles failed: UNAUTHENTICATED 40003 Authentication token is missing or invalid (tracking id trk-1)',
    );
    expect(e.hint).toMatch(/set TINKOFF_TOKEN_STRING.*sandbox token only works with the sandbox/);
    expect(e.fix).toBe('token');
    expect(e.hint).not.toMatch(/--/);
    expect(map({ code: 16, details: '40003' }, new Metadata(), { sandbox: true }).hint).toMatch(
      /SANDBOX_TOKEN_STRING/,
    );
  });
  it('splits retryable from fatal failures', () => {
    const r = (code: number, details: string, idempotent = true) =>
      map({ code, details }, new Metadata(), { idempotent }).retryable;
    expect(r(status.UNAVAILABLE, 'GOAWAY received')).toBe(true);
    expect(r(status.UNAVAILABLE, 'x', false)).toBe(true);
    expect(r(status.DEADLINE_EXCEEDED, 'Deadline exceeded')).toBe(true);
    expect(r(status.DEADLINE_EXCEEDED, 'Deadline exceeded', false)).toBe(false);
    expect(r(status.RESOURCE_EXHAUSTED, '80002')).toBe(true);
    expect(r(status.RESOURCE_EXHAUSTED, '')).toBe(true);
    expect(r(status.RESOURCE_EXHAUSTED, '80001')).toBe(false);
    expect(r(status.INTERNAL, '70002')).toBe(true);
    expect(r(status.INTERNAL, '70004')).toBe(false);
    expect(r(status.UNKNOWN, 'Stream removed')).toBe(true);
    expect(r(status.UNKNOWN, 'something else')).toBe(false);
    expect(r(status.CANCELLED, 'Received RST_STREAM with error code 8')).toBe(true);
    for (const fatal of [
      status.UNAUTHENTICATED,
      status.PERMISSION_DENIED,
      status.INVALID_ARGUMENT,
      status.NOT_FOUND,
    ]) {
      expect(r(fatal, '30014')).toBe(false);
    }
  });
  it('marks rate limits and endpoint failures for the policies', () => {
    const limited = map({ code: 8, details: '80002' }, trailers({ 'x-ratelimit-reset': '7' }));
    expect(limited.rateLimited).toBe(true);
    expect(limited.hint).toMatch(/wait 7 s/);
    expect(isEndpointFailure(limited)).toBe(false);
    expect(retryDelay(1, limited)).toBe(0);
    const down = map(
      { code: status.UNAVAILABLE, details: 'No connection established' },
      new Metadata(),
    );
    expect(isEndpointFailure(down)).toBe(true);
    expect(down.hint).toMatch(/TINVEST_ENDPOINT/);
    expect(down.fix).toBe('check-endpoint');
    const d3 = retryDelay(3, down, { initialDelayMs: 100 });
    expect(d3).toBeGreaterThanOrEqual(200);
    expect(d3).toBeLessThanOrEqual(400);
    expect(isEndpointFailure(map({ code: 3, details: '30014' }, new Metadata()))).toBe(false);
  });
  it('names the fix for common business errors', () => {
    expect(map({ code: 3, details: '30014' }, new Metadata()).hint).toMatch(/shorter window/);
    expect(map({ code: 5, details: '50002' }, new Metadata())).toMatchObject({
      fix: 'check-instrument',
      hint: expect.not.stringMatching(/tlab/),
    });
    expect(map({ code: 7, details: '40002' }, new Metadata()).hint).toMatch(/rights/);
  });
  it('never carries the token, whatever the server or transport echoes', () => {
    const e = map(
      { code: status.UNKNOWN, details: `bad header authorization: Bearer ${TOKEN}` },
      trailers({ message: `token ${TOKEN} rejected`, 'x-tracking-id': TOKEN }),
    );
    const text = JSON.stringify({ ...e, message: e.message, hint: e.hint, one: e.oneLine() });
    expect(text).not.toContain(TOKEN);
    expect(e.message).toContain('[redacted]');
  });
});
