/**
 * @module Repeated single-value options (`--from a --from b`) reach handlers as arrays, which would
 * crash deep inside a command. This yargs middleware rejects them up front for every command.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.ts';

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The runtime yargs instance exposes its parsed option table, which the typings omit. */
type WithOptions = Argv & { getOptions(): { array: string[] } };

/** Throws a UsageError when an option that is not declared as an array was given twice. */
export function rejectRepeatedOptions(argv: Record<string, unknown>, y: Argv): void {
  const declared = (y as WithOptions).getOptions().array;
  const arrays = new Set(declared.flatMap((k) => [k, camel(k)]));
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || !Array.isArray(value) || arrays.has(key)) continue;
    // yargs also sets a camelCase twin of every kebab-case option; report the kebab one only.
    if (key !== kebab(key) && kebab(key) in argv) continue;
    throw new UsageError(`--${key} is given more than once`, `give --${key} once`);
  }
}
