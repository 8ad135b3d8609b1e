/**
 * @module The cluster's names in Redis and its connections: one queue of configuration jobs, the
 * study records beside it, and ioredis connections made from a parsed URL. Commands wait through a
 * Redis restart (`maxRetriesPerRequest: null`, reconnecting with a capped backoff) instead of
 * failing a study that would resume once Redis is back.
 */
import { Redis } from 'ioredis';
import type { RedisTarget } from './redis-url.ts';

/** The BullMQ queue every study's configurations go to. */
export const CONFIG_QUEUE = 'tlab-configs';
/** Prefix of the BullMQ keys (the default, spelled out so status and tests agree). */
export const BULL_PREFIX = 'bull';
/** Sorted set of study ids by submission time, and the hash of each. */
export const STUDIES_KEY = 'tlab:studies';
export const studyKey = (id: string) => `tlab:study:${id}`;

/** Connection options BullMQ and our own commands share. */
export function connectionOptions(t: RedisTarget) {
  return {
    ...t.options,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(2000, 100 * times),
  };
}

/** A new ioredis connection to the target. */
export function connect(t: RedisTarget): Redis {
  return new Redis(connectionOptions(t));
}
