import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitHeaders } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows N per window per service and token, then refuses until the window ends', () => {
    let now = 1_000_000;
    const rl = new RateLimiter({ windowMs: 60_000, perService: { archive: 3 }, clock: () => now });
    const first = rl.take('archive', 'a');
    expect(first).toMatchObject({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    rl.take('archive', 'a');
    expect(rl.take('archive', 'a')).toMatchObject({ allowed: true, remaining: 0 });
    now += 20_500;
    const refused = rl.take('archive', 'a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 40 });
    // Other tokens and other services count separately.
    expect(rl.take('archive', 'b').allowed).toBe(true);
    expect(rl.take('MarketDataService', 'a')).toMatchObject({ allowed: true, limit: 600 });
    now += 39_500;
    expect(rl.take('archive', 'a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never reports a reset below one second and formats the headers as the API does', () => {
    let now = 0;
    const rl = new RateLimiter({ windowMs: 1000, perService: { X: 1 }, clock: () => now });
    rl.take('X', 't');
    now = 999;
    const d = rl.take('X', 't');
    expect(d).toMatchObject({ allowed: false, resetSeconds: 1, windowSeconds: 1 });
    expect(rateLimitHeaders(d)).toEqual({
      'x-ratelimit-limit': '1, 1;w=1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1',
    });
  });

  it('lets everything through when disabled', () => {
    const rl = new RateLimiter({ enabled: false, perService: { X: 1 } });
    for (let i = 0; i < 5; i++)
      expect(rl.take('X', 't')).toMatchObject({ allowed: true, remaining: 1 });
  });
});
