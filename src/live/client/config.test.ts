/** @module Tests for API configuration: endpoints, archive URL and where tokens come from. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { DEV_TOKEN, resolveApiConfig } from './config.ts';
import { PRODUCTION_ARCHIVE_URL, PRODUCTION_ENDPOINT, SANDBOX_ENDPOINT } from './endpoint.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tlab-config-'));

describe('resolveApiConfig', () => {
  it('defaults to production with TINKOFF_TOKEN_STRING', () => {
    const c = resolveApiConfig(
      {},
      { TINKOFF_TOKEN_STRING: ' t.prod ', SANDBOX_TOKEN_STRING: 't.sb' },
    );
    expect(c).toEqual({
      endpoint: PRODUCTION_ENDPOINT,
      archiveUrl: PRODUCTION_ARCHIVE_URL,
      sandbox: false,
      token: 't.prod',
      tokenSource: 'TINKOFF_TOKEN_STRING',
    });
  });
  it('uses the sandbox host and SANDBOX_TOKEN_STRING with sandbox', () => {
    const c = resolveApiConfig(
      { sandbox: true },
      { TINKOFF_TOKEN_STRING: 't.prod', SANDBOX_TOKEN_STRING: 't.sb' },
    );
    expect(c.endpoint).toBe(SANDBOX_ENDPOINT);
    expect(c.token).toBe('t.sb');
  });
  it('takes flags over the environment over defaults', () => {
    const env = {
      TINVEST_ENDPOINT: 'env-host:1',
      TINVEST_ARCHIVE_URL: 'https://env/h',
      TINKOFF_TOKEN_STRING: 'x',
    };
    expect(resolveApiConfig({}, env)).toMatchObject({
      endpoint: 'env-host:1',
      archiveUrl: 'https://env/h',
    });
    expect(
      resolveApiConfig({ endpoint: 'flag:2', archiveUrl: 'https://flag/h' }, env),
    ).toMatchObject({
      endpoint: 'flag:2',
      archiveUrl: 'https://flag/h',
    });
    expect(resolveApiConfig({}, { ...env, TINVEST_CA_FILE: '/ca.pem' }).caFile).toBe('/ca.pem');
  });
  it('reads the token from a file named in the environment', () => {
    const file = join(tmp, 'token');
    writeFileSync(file, 't.from-file\n');
    const c = resolveApiConfig({}, { TINKOFF_TOKEN_FILE: file });
    expect(c.token).toBe('t.from-file');
    expect(c.tokenSource).toBe('TINKOFF_TOKEN_FILE');
    expect(() => resolveApiConfig({}, { TINKOFF_TOKEN_FILE: join(tmp, 'absent') })).toThrow(
      /cannot read the token file/,
    );
    writeFileSync(join(tmp, 'empty'), '  \n');
    expect(() => resolveApiConfig({}, { TINKOFF_TOKEN_FILE: join(tmp, 'empty') })).toThrow(
      /empty or malformed/,
    );
  });
  it('says which variable to set when the token is missing', () => {
    expect(() => resolveApiConfig({}, {})).toThrow(UsageError);
    try {
      resolveApiConfig({ sandbox: true }, { TINKOFF_TOKEN_STRING: 'prod-only' });
    } catch (e) {
      expect((e as UsageError).oneLine()).toMatch(/no sandbox API token.*set SANDBOX_TOKEN_STRING/);
      expect((e as UsageError).exitCode).toBe(2);
    }
    expect.assertions(3);
  });
  it('uses the dev token for loopback endpoints only', () => {
    expect(resolveApiConfig({ endpoint: '127.0.0.1:50051' }, {}).token).toBe(DEV_TOKEN);
    expect(
      resolveApiConfig({ endpoint: 'localhost:1' }, { TINKOFF_TOKEN_STRING: 'real' }).token,
    ).toBe('real');
    expect(() => resolveApiConfig({ endpoint: '10.0.0.5:50051' }, {})).toThrow(
      /no API token for 10.0.0.5/,
    );
  });
  it('rejects bad endpoints and plain-http archive URLs to remote hosts', () => {
    expect(() => resolveApiConfig({ endpoint: 'nope' }, { TINKOFF_TOKEN_STRING: 'x' })).toThrow(
      /not a gRPC endpoint/,
    );
    expect(() =>
      resolveApiConfig({ archiveUrl: 'http://example.com/h' }, { TINKOFF_TOKEN_STRING: 'x' }),
    ).toThrow(/only https/);
  });
});
