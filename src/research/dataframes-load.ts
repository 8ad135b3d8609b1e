/**
 * @module Lazy loading of danfojs-node: the bridges import it only when called, so the CLI and the
 * engine never pay for it (or for the TensorFlow it brings) and it can stay out of an install.
 */
import type * as DanfoModule from 'danfojs-node';
import { UsageError } from '../core/errors.ts';

/** The danfojs-node module, typed by the package itself. */
export type Danfo = typeof DanfoModule;

/** A danfojs DataFrame. */
export type DataFrame = InstanceType<Danfo['DataFrame']>;

let loaded: Promise<Danfo> | undefined;

/**
 * Imports danfojs-node once per process.
 * @throws UsageError naming the install command when the package is not installed.
 */
export function loadDanfo(): Promise<Danfo> {
  loaded ??= import('danfojs-node').catch((err: unknown) => {
    loaded = undefined;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      throw new UsageError(
        'danfojs-node is not installed (DataFrames need it)',
        'run npm install danfojs-node@^1.2.0',
        { cause: err },
      );
    throw err;
  });
  return loaded;
}

/** Builds a DataFrame from named columns; an empty one keeps its column names. */
export async function frameOf(columns: Record<string, ArrayLike<unknown>>): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const names = Object.keys(columns);
  const length = names.length ? columns[names[0]].length : 0;
  if (length === 0) return new DataFrame([], { columns: names });
  const data: Record<string, unknown[]> = {};
  for (const n of names) data[n] = Array.from(columns[n]);
  return new DataFrame(data);
}
