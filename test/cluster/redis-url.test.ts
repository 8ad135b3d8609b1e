/**
 * @module Redis URLs and job content: what a URL turns into (and what is refused), that the label
 * carries no credentials, that a job id depends on exactly what determines the result, and that
 * the job and result encoding keeps values JSON would change.
 */
import { describe, expect, it } from 'vitest';
import { configJobId, packResult, unpackResult } from '../../src/cluster/job-content.ts';
import { parseRedisUrl } from '../../src/cluster/redis-url.ts';
import { UsageError } from '../../src/core/errors.ts';
import type { ConfigResult, RunTemplate } from '../../src/research/config-run.ts';
import { instrument } from '../stubs/candles.ts';

describe('parseRedisUrl', () => {
  it('turns a URL into options and a label without credentials', () => {
    const t = parseRedisUrl('redis://user:p%40ss@127.0.0.1:6390/2');
    expect(t.options).toEqual({
      host: '127.0.0.1',
      port: 6390,
      db: 2,
      username: 'user',
      password: 'p@ss',
    });
    expect(t.label).toBe('redis://127.0.0.1:6390/2');
    const s = parseRedisUrl('rediss://:secret@redis.example.net');
    expect(s.options).toMatchObject({
      host: 'redis.example.net',
      port: 6379,
      db: 0,
      password: 'secret',
    });
    expect(s.options.tls).toEqual({ servername: 'redis.example.net' });
    expect(s.label).toBe('rediss://redis.example.net/0');
    expect(parseRedisUrl('redis://localhost').options.tls).toBeUndefined();
  });

  it('refuses plain redis:// off this machine, other schemes, and bad databases', () => {
    for (const bad of [
      'redis://10.0.0.5:6379',
      'http://127.0.0.1:6379',
      'not a url',
      'redis://127.0.0.1/x',
    ]) {
      expect(() => parseRedisUrl(bad)).toThrow(UsageError);
    }
    const err = (() => {
      try {
        parseRedisUrl('redis://:hunter2@db.example.net:6379');
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err!.oneLine()).toContain('use rediss://');
    expect(err!.oneLine()).not.toContain('hunter2');
  });
});

describe('job content', () => {
  const template: RunTemplate = {
    strategy: 'sma-cross',
    instruments: [instrument({ ticker: 'SBER' })],
    intervals: ['1h'],
    range: { from: 0, to: 86_400_000 },
    fees: { kind: 'rate', rate: 0.0005 } as unknown as RunTemplate['fees'],
  };

  it('derives the id from the content, not from key order', () => {
    const a = configJobId(template, { fast: 5, slow: 20 }, 'm1');
    expect(a).toMatch(/^c[0-9a-f]{64}$/);
    expect(configJobId({ ...template }, { slow: 20, fast: 5 }, 'm1')).toBe(a);
    expect(configJobId(template, { fast: 5, slow: 21 }, 'm1')).not.toBe(a);
    expect(configJobId(template, { fast: 5, slow: 20 }, 'm2')).not.toBe(a);
    expect(configJobId({ ...template, cash: 5 }, { fast: 5, slow: 20 }, 'm1')).not.toBe(a);
    expect(configJobId(template, { fast: 5, slow: 20 }, 'm1', 'other source')).not.toBe(a);
  });

  it('keeps -0, NaN, Infinity and undefined fields of a result, which JSON would not', () => {
    const r = {
      params: { fast: 5 },
      metrics: { sharpe: Number.NaN, profitFactor: Infinity, totalReturn: -0, calmar: undefined },
      dailyEquity: [1, 2],
    } as unknown as ConfigResult;
    const back = unpackResult(JSON.parse(JSON.stringify(packResult(r))));
    expect(Object.is(back.metrics.totalReturn, -0)).toBe(true);
    expect(back.metrics.sharpe).toBeNaN();
    expect(back.metrics.profitFactor).toBe(Infinity);
    expect('calmar' in back.metrics).toBe(true);
  });
});
