/**
 * @module A quick look at the Redis server before a command commits to it: one PING on a
 * connection that does not retry, so a wrong address or password is one clear line at once
 * instead of a command that waits forever (the real connections wait through restarts).
 */
import { Redis } from 'ioredis';
import { TlabError } from '../core/errors.ts';
import type { RedisTarget } from './redis-url.ts';

/** Resolves when Redis answers; throws a TlabError naming the problem otherwise. */
export async function checkRedis(t: RedisTarget, timeoutMs = 5000): Promise<void> {
  const redis = new Redis({
    ...t.options,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  let cause = '';
  redis.on('error', (e: Error) => (cause ||= e.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    const msg = cause || (e instanceof Error ? e.message : String(e));
    if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(msg)) {
      throw new TlabError(
        `Redis at ${t.label} refused the credentials`,
        'check the user name and password in the URL (or TLAB_REDIS_URL)',
      );
    }
    throw new TlabError(
      `cannot reach Redis at ${t.label} (${msg.replace(/\S*:\/\/\S*@/g, '')})`,
      'start redis-server there or correct the URL',
    );
  } finally {
    redis.disconnect();
  }
}
