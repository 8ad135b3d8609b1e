/** @module What `sma-cross` draws on the report: its fast and slow SMAs of the close, over the price. */
import { indicators } from '../../engine/index.ts';
import type { ChartDeclaration } from '../chart-spec.ts';
import type { SmaCrossParams } from './config.ts';

/** The two SMAs whose crossings the strategy trades. */
export const smaCrossChart: ChartDeclaration<SmaCrossParams> = (p) => ({
  overlays: [
    {
      label: `SMA ${p.fast} (fast)`,
      input: 'close',
      make: () => indicators.sma(p.fast),
      colour: '#bf8700',
    },
    {
      label: `SMA ${p.slow} (slow)`,
      input: 'close',
      make: () => indicators.sma(p.slow),
      colour: '#8250df',
    },
  ],
  panes: [],
});
