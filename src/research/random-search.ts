/**
 * @module Random search on the grid's interface: `samples` distinct configurations drawn uniformly
 * from the grid after its constraints (a seeded partial Fisher-Yates shuffle), so the same seed
 * draws the same configurations on every machine, and the number tried, which the deflated Sharpe
 * ratio needs, is exactly `samples` (or the whole grid when it is smaller). Drawing from the
 * discrete grid rather than from continuous ranges keeps each drawn configuration one a grid
 * search would also run, so results and resumed studies are shared between the two.
 */
import { UsageError } from '../core/errors.ts';
import { SeededRandom } from '../core/random.ts';
import type { ParamSet } from './grid.ts';

/** How a study chooses its configurations from the grid. */
export type SearchSpec = { kind: 'grid' } | { kind: 'random'; samples: number; seed: number };

/** The search kinds `--search` accepts. */
export const SEARCH_KINDS = ['grid', 'random'] as const;

/** `samples` of `configs` drawn by `seed`, in the grid's order; all of them when fewer. */
export function sampleConfigurations(
  configs: readonly ParamSet[],
  samples: number,
  seed: number,
): ParamSet[] {
  if (!(Number.isInteger(samples) && samples > 0)) {
    throw new UsageError(
      `--samples ${samples} is not a positive whole number`,
      'e.g. --samples 50',
    );
  }
  if (samples >= configs.length) return [...configs];
  const rnd = new SeededRandom(seed);
  const index = configs.map((_, k) => k);
  for (let k = 0; k < samples; k++) {
    const j = k + Math.floor(rnd.next() * (index.length - k));
    [index[k], index[j]] = [index[j], index[k]];
  }
  return index
    .slice(0, samples)
    .sort((a, b) => a - b)
    .map((k) => configs[k]);
}

/** The configurations a search runs out of the constrained grid. */
export function searchConfigurations(
  configs: readonly ParamSet[],
  search: SearchSpec = { kind: 'grid' },
): ParamSet[] {
  return search.kind === 'random'
    ? sampleConfigurations(configs, search.samples, search.seed)
    : [...configs];
}
