/**
 * @module How a strategy folder describes itself to the registry: name, description, defaults, a zod
 * schema for its parameters and a constructor. Parameters may come as CLI text (`--param fast=10`) or
 * as typed values; either way unknown keys and invalid values are UsageErrors naming the parameter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../core/zod.ts';
import type { $ZodType } from 'zod/v4/core';
import { UsageError } from '../core/errors.ts';
import type { Strategy } from '../engine/index.ts';
import { NO_CHART } from './chart-spec.ts';
import type { ChartDeclaration, StrategyChart } from './chart-spec.ts';

/** A raw parameter value: CLI text or an already typed value. */
export type RawParam = string | number | boolean;

/** What the registry knows about one strategy. */
export interface StrategyEntry {
  readonly name: string;
  readonly description: string;
  /** Every parameter with its default value. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Defaults overlaid with `params`, validated; throws UsageError on unknown keys or bad values. */
  parse(params?: Readonly<Record<string, RawParam>>): Record<string, unknown>;
  /** A fresh strategy instance (strategies keep state: one instance per run). Validates `params`. */
  create(params?: Readonly<Record<string, RawParam>>): Strategy;
  /** Path of the strategy's main source file. */
  readonly sourcePath: string;
  /** The folder's source text (config.ts + strategy.ts) for the run fingerprint. */
  source(): string;
  /**
   * What the report draws for a run with `params` (a result's params; validated like `parse`):
   * the strategy's chart.ts declaration, or nothing when it declares none.
   */
  chart(params?: Readonly<Record<string, unknown>>): StrategyChart;
}

/** Inputs of {@link defineStrategy}. */
export interface StrategyDefinition<P extends Record<string, unknown>> {
  name: string;
  description: string;
  defaults: P;
  /**
   * Validates typed values (after text was coerced by the defaults' types). Any zod 4 schema: the
   * built-in strategies use `zod/mini`, which loads faster; a classic `zod` schema works the same.
   */
  schema: $ZodType<P>;
  make(params: P): Strategy;
  /** `import.meta.url` of a module in the strategy's folder (its config.ts). */
  moduleUrl: string;
  /** The indicators the report draws (the folder's chart.ts); none when absent. */
  chart?: ChartDeclaration<P>;
}

/** Builds a registry entry from a strategy folder's definition. */
export function defineStrategy<P extends Record<string, unknown>>(
  d: StrategyDefinition<P>,
): StrategyEntry {
  const dir = path.dirname(fileURLToPath(d.moduleUrl));
  const parse = (raw: Readonly<Record<string, RawParam>> = {}): P => {
    const merged: Record<string, unknown> = { ...d.defaults };
    for (const [k, v] of Object.entries(raw)) {
      if (!(k in d.defaults)) {
        throw new UsageError(
          `${d.name} has no parameter '${k}'`,
          `its parameters are: ${Object.keys(d.defaults).join(', ')}`,
        );
      }
      merged[k] = coerce(d.name, k, v, d.defaults[k]);
    }
    const r = z.safeParse(d.schema, merged);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = issue.path.length > 0 ? `parameter ${issue.path.join('.')}` : 'parameters';
      throw new UsageError(
        `${d.name} ${where}: ${issue.message}`,
        `defaults are ${JSON.stringify(d.defaults)}`,
      );
    }
    return r.data;
  };
  return {
    name: d.name,
    description: d.description,
    defaults: d.defaults,
    parse,
    create: (raw) => d.make(parse(raw)),
    sourcePath: path.join(dir, 'strategy.ts'),
    source: () =>
      ['config.ts', 'strategy.ts'].map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n'),
    chart: (params = {}) =>
      d.chart === undefined ? NO_CHART : d.chart(parse(params as Record<string, RawParam>)),
  };
}

/** Turns CLI text into the type of the parameter's default. */
function coerce(strategy: string, key: string, v: RawParam, def: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (typeof def === 'number') {
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) {
      throw new UsageError(
        `${strategy} parameter ${key}='${v}' is not a number`,
        `e.g. ${key}=${def}`,
      );
    }
    return n;
  }
  if (typeof def === 'boolean') {
    if (['true', '1', 'yes', 'on'].includes(t)) return true;
    if (['false', '0', 'no', 'off'].includes(t)) return false;
    throw new UsageError(
      `${strategy} parameter ${key}='${v}' is not true or false`,
      `e.g. ${key}=true`,
    );
  }
  return t;
}
