/**
 * @module What `breakout` draws on the report: the Donchian channel it places its stops on, the
 * highest high of `entry` candles and the lowest low of `exit` candles, over the price.
 */
import { indicators } from '../../engine/index.ts';
import type { ChartDeclaration } from '../chart-spec.ts';
import type { BreakoutParams } from './config.ts';

/** The entry channel's high and the exit channel's low. */
export const breakoutChart: ChartDeclaration<BreakoutParams> = (p) => ({
  overlays: [
    {
      label: `Highest high ${p.entry} (entry)`,
      input: 'high',
      make: () => indicators.highest(p.entry),
      colour: '#1a7f37',
    },
    {
      label: `Lowest low ${p.exit} (exit)`,
      input: 'low',
      make: () => indicators.lowest(p.exit),
      colour: '#cf222e',
    },
  ],
  panes: [],
});
