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
  // Fed in slices: building one big array or string first costs more than the hashing itself.
  const h = createHash('sha256');
  let text = '';
  for (let k = 0; k < fills.length; k++) {
    text += `${fills[k].orderId}\t${fills[k].instrumentUid}\n`;
    if ((k & 511) === 511) {
      h.update(text);
      text = '';
    }
  }
  h.update(text);
  const nums = new Float64Array(512 * 5);
  let m = 0;
  for (const f of fills) {
    nums[m++] = f.side === 'buy' ? 1 : -1;
    nums[m++] = f.lots;
    nums[m++] = f.price;
    nums[m++] = f.time;
    nums[m++] = f.commission;
    if (m === nums.length) {
      h.update(new Uint8Array(nums.buffer));
      m = 0;
    }
  }
  h.update(new Uint8Array(nums.buffer, 0, m * 8));
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
