/**
 * @module The run fingerprint: everything that determines a result, hashed where it is large. Equal
 * fingerprints give byte-identical results. `dataHash` covers each series' key, range, candle count
 * and the sha256 of each of its columns (the little-endian float64 bytes, which makes it independent
 * of how a feed cuts batches); `tradesHash` is the sha256 of the canonical JSON of every fill.
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

/** sha256 of the fills as canonical JSON (fixed key order, one array). */
export function tradesHash(fills: readonly FillRecord[]): string {
  const rows = fills.map((f) => [
    f.orderId,
    f.instrumentUid,
    f.side,
    f.lots,
    f.price,
    f.time,
    f.commission,
  ]);
  return sha256(JSON.stringify(rows));
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
