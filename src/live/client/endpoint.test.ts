/** @module Tests for the TLS / plaintext decision and endpoint parsing (no network). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { channelCredentials } from './channel.ts';
import { checkArchiveUrl, isLoopbackHost, parseEndpoint, transportFor } from './endpoint.ts';

describe('transport decision', () => {
  it('allows plaintext only for loopback hosts', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of [
      'invest-public-api.tinkoff.ru',
      'sandbox-invest-public-api.tinkoff.ru',
      '10.0.0.1',
      '192.168.1.10',
      '0.0.0.0',
      '128.0.0.1',
      '::',
      '::ffff:10.0.0.1',
      'localhost.evil.com',
      'foo.localhost',
      '127.0.0.1.nip.io',
      'evil-127.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
  it('picks TLS for every non-loopback endpoint', () => {
    expect(transportFor(parseEndpoint('invest-public-api.tinkoff.ru:443'))).toBe('tls');
    expect(transportFor(parseEndpoint('example.com:80'))).toBe('tls');
    expect(transportFor(parseEndpoint('10.1.1.1:50051'))).toBe('tls');
    expect(transportFor(parseEndpoint('127.0.0.1:50051'))).toBe('plaintext');
    expect(transportFor(parseEndpoint('[::1]:50051'))).toBe('plaintext');
    expect(transportFor(parseEndpoint('localhost:1'))).toBe('plaintext');
  });
  it('builds secure credentials for non-loopback and insecure only for loopback', () => {
    expect(channelCredentials(parseEndpoint('example.com:443'))._isSecure()).toBe(true);
    expect(channelCredentials(parseEndpoint('127.0.0.1:443'))._isSecure()).toBe(false);
  });
  it('rejects a CA file that is missing or not PEM', () => {
    expect(() =>
      channelCredentials(parseEndpoint('example.com:443'), '/nonexistent/ca.pem'),
    ).toThrow(/cannot read the CA file/);
    const notPem = join(mkdtempSync(join(tmpdir(), 'tlab-ca-')), 'ca.txt');
    writeFileSync(notPem, 'hello');
    expect(() => channelCredentials(parseEndpoint('example.com:443'), notPem)).toThrow(/no PEM/);
  });
});

describe('endpoint parsing', () => {
  it('parses host:port and IPv6 in brackets', () => {
    expect(parseEndpoint('invest-public-api.tinkoff.ru:443')).toEqual({
      host: 'invest-public-api.tinkoff.ru',
      port: 443,
      target: 'invest-public-api.tinkoff.ru:443',
    });
    expect(parseEndpoint('[::1]:8080')).toEqual({ host: '::1', port: 8080, target: '[::1]:8080' });
  });
  it('rejects anything else with a UsageError', () => {
    for (const bad of [
      '',
      'host',
      'host:',
      'host:0',
      'host:70000',
      'http://host:443',
      'a b:1',
      '::1:80',
    ]) {
      expect(() => parseEndpoint(bad), bad).toThrow(UsageError);
    }
  });
});

describe('archive URL check', () => {
  it('allows https anywhere and http only on loopback', () => {
    expect(checkArchiveUrl('https://invest-public-api.tinkoff.ru/history-data').host).toBe(
      'invest-public-api.tinkoff.ru',
    );
    expect(checkArchiveUrl('http://127.0.0.1:8080/history-data').port).toBe('8080');
    expect(checkArchiveUrl('http://[::1]:8080/history-data').hostname).toBe('[::1]');
    expect(() => checkArchiveUrl('http://invest-public-api.tinkoff.ru/history-data')).toThrow(
      /only https/,
    );
    expect(() => checkArchiveUrl('http://10.0.0.1/history-data')).toThrow(UsageError);
    expect(() => checkArchiveUrl('ftp://127.0.0.1/x')).toThrow(UsageError);
    expect(() => checkArchiveUrl('not a url')).toThrow(/not a URL/);
  });
});
