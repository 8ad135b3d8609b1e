/**
 * @module The run fingerprint: everything that determines a result, hashed where it is large. Equal
 * fingerprints give byte-identical results. `dataHash` covers each series' key, range, candle count
 * and the sha256 of each of its columns (the little-endian float64 bytes, which makes it independent
 * of how a feed cuts batches); `tradesHash` is the sha256 of every fill in a canonical binary form (see {@link tradesHash}).
 */
import { createHash } from 'node:crypto';
import type { FillRecord, RunFingerprint } from '../result.ts';
import { ENGINE_VERSION } from '../version.ts';

/** sha256 of a text, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A copy of `obj` with keys sorted recursively, so its JSON does not depend on insertion order. */
export function sortedKeys(obj: unknown): unknown {
  if (Array.isArray(obj)) return obj.map(sortedKeys);
  if (obj === null || typeof obj !== 'object') return obj;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) out[k] = sortedKeys((obj as Record<string, unknown>)[k]);
  return out;
}

/**
 * sha256 of the fills in a canonical binary form: the order ids and instrument uids as one text
 * (tab between, newline after each fill), then per fill the little-endian float64s side (+1 buy,
 * -1 sell), lots, price, time and commission. Much cheaper than JSON for runs with many fills.
 */
export function tradesHash(fills: readonly FillRecord[]): string {
  const h = createHash('sha256');
  const ids: string[] = [];
  const nums = new Float64Array(fills.length * 5);
  fills.forEach((f, k) => {
    ids.push(f.orderId, '\t', f.instrumentUid, '\n');
    nums[k * 5] = f.side === 'buy' ? 1 : -1;
    nums[k * 5 + 1] = f.lots;
    nums[k * 5 + 2] = f.price;
    nums[k * 5 + 3] = f.time;
    nums[k * 5 + 4] = f.commission;
  });
  h.update(ids.join(''));
  h.update(new Uint8Array(nums.buffer));
  return h.digest('hex');
}

/** Inputs of {@link fingerprint}. */
export interface FingerprintInput {
  strategy: string;
  strategySource: string;
  params: Record<string, unknown>;
  seriesDigests: string[];
  models: Record<string, unknown>;
  fills: readonly FillRecord[];
}

/** Builds the fingerprint of a finished run. */
export function fingerprint(f: FingerprintInput): RunFingerprint {
  return {
    strategy: f.strategy,
    strategySourceHash: sha256(f.strategySource),
    params: sortedKeys(f.params) as Record<string, unknown>,
    dataHash: sha256(f.seriesDigests.join('\n')),
    models: sortedKeys(f.models) as Record<string, unknown>,
    engineVersion: ENGINE_VERSION,
    tradesHash: tradesHash(f.fills),
  };
}
