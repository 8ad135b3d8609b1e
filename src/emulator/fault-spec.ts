/**
 * @module `tlab serve --fault KEY=VALUE` in FaultOptions terms: one table of the switchable faults
 * (kebab-case key, the option it sets, whether it takes a number or a list of call numbers), so
 * each side of the venue adds its faults in one place and the CLI parses them all the same way.
 */
import { UsageError } from '../core/errors.ts';
import type { FaultOptions } from './options.ts';

type Kind = 'count' | 'ms' | 'calls';

/** Every fault `--fault` can switch on, by key. */
export const FAULT_KEYS: Readonly<Record<string, { option: keyof FaultOptions; kind: Kind }>> = {
  'latency-ms': { option: 'latencyMs', kind: 'ms' },
  'unavailable-on-calls': { option: 'unavailableOnCalls', kind: 'calls' },
  'resource-exhausted-on-calls': { option: 'resourceExhaustedOnCalls', kind: 'calls' },
  'drop-stream-after': { option: 'dropStreamAfter', kind: 'count' },
  'stall-stream-after': { option: 'stallStreamAfter', kind: 'count' },
  'reset-stream-after-ms': { option: 'resetStreamAfterMs', kind: 'ms' },
};

const HINT = `use KEY=VALUE with KEY one of ${Object.keys(FAULT_KEYS).join(', ')} (lists: 1,5,9)`;

function wholeNumber(text: string, spec: string): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--fault ${spec}: '${text}' is not a whole number`, HINT);
  }
  return Number(text);
}

/** Parses `--fault` values into FaultOptions; a repeated key keeps the last value. */
export function parseFaults(specs: readonly string[]): FaultOptions {
  const out: Record<string, number | number[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = (eq < 0 ? spec : spec.slice(0, eq)).trim();
    const entry = FAULT_KEYS[key];
    if (!entry) throw new UsageError(`--fault ${spec}: unknown fault '${key}'`, HINT);
    if (eq < 0) throw new UsageError(`--fault ${spec}: missing =VALUE`, HINT);
    const value = spec.slice(eq + 1).trim();
    out[entry.option] =
      entry.kind === 'calls'
        ? value.split(',').map((v) => wholeNumber(v.trim(), spec))
        : wholeNumber(value, spec);
  }
  return out as FaultOptions;
}
