/** @module Tests for the zod validation at the CLI edge: one usage line naming flag, input and fix. */
import { describe, expect, it } from 'vitest';
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import { intervalListSchema } from './interval.ts';
import { instrumentListSchema } from './instrument.ts';
import { rangeSchema } from './range.ts';
import { numberText, refusal, validateArgs } from './validate.ts';

const line = (schema: z.core.$ZodType, args: unknown): string => {
  try {
    validateArgs(schema, args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).oneLine();
  }
  throw new Error('validateArgs accepted the arguments');
};

describe('validateArgs', () => {
  it('words enums, ranges and numbers typed as text', () => {
    expect(line(z.object({ format: z.enum(['csv', 'json']) }), { format: 'xml' })).toBe(
      "--format 'xml' is not supported: use one of csv, json",
    );
    const n = z.object({ n: numberText(z.int().check(z.lte(32, 'at most 32')), 'a whole number') });
    expect(line(n, { n: '40' })).toBe('--n 40 is out of range: at most 32');
    expect(line(n, { n: 'abc' })).toBe("--n 'abc' is not a number: a whole number");
    expect(validateArgs(n, { n: '7' })).toEqual({ n: 7 });
    // zod/mini carries no messages of its own: src/core/zod.ts gives it zod's English ones.
    const plain = z.object({ n: numberText(z.int().check(z.gte(10)), 'a whole number') });
    expect(line(plain, { n: '3' })).toBe(
      '--n 3 is out of range: Too small: expected number to be >=10',
    );
  });
  it("passes the project's parser errors through unchanged", () => {
    expect(line(z.object({ instrument: instrumentListSchema }), { instrument: ['SB ER'] })).toMatch(
      /^'SB ER' is not an instrument reference: use a ticker/,
    );
    expect(line(z.object({ interval: intervalListSchema }), { interval: ['1h,7m'] })).toMatch(
      /^--interval '7m' is not an interval/,
    );
    expect(line(rangeSchema(Date.UTC(2025, 5, 1)), { from: '2025-02-30' })).toMatch(
      /^--from '2025-02-30' is not a date: day 30/,
    );
  });
  it('reports a refusal with its own message and hint', () => {
    const s = z
      .object({ a: z.string() })
      .check(z.refine((o) => o.a !== 'x', refusal('no x', 'use y')));
    expect(line(s, { a: 'x' })).toBe('no x: use y');
  });
});
