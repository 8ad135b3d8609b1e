import { describe, expect, it } from 'vitest';
import { bearerToken, TokenCheck } from './auth.ts';

describe('auth', () => {
  it('reads Bearer tokens case-insensitively and rejects other schemes', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   t.x-y ')).toBe('t.x-y');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('accepts configured tokens only, or any non-empty token when none are configured', () => {
    const strict = new TokenCheck(['a', 'b']);
    expect(strict.accepts('a')).toBe(true);
    expect(strict.accepts('c')).toBe(false);
    const open = new TokenCheck([]);
    expect(open.accepts('anything')).toBe(true);
    expect(open.accepts('')).toBe(false);
    expect(open.accepts(undefined)).toBe(false);
  });
});
