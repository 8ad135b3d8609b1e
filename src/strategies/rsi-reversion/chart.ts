/** @module What `rsi-reversion` draws on the report: its RSI in a pane of its own, with its levels. */
import { indicators } from '../../engine/index.ts';
import type { ChartDeclaration } from '../chart-spec.ts';
import type { RsiReversionParams } from './config.ts';

/** The RSI with the oversold, exit and overbought thresholds (overbought only matters short). */
export const rsiReversionChart: ChartDeclaration<RsiReversionParams> = (p) => ({
  overlays: [],
  panes: [
    {
      title: `RSI ${p.period}`,
      lines: [
        {
          label: `RSI ${p.period}`,
          input: 'close',
          make: () => indicators.rsi(p.period),
          colour: '#8250df',
        },
      ],
      levels: [
        { value: p.oversold, label: 'oversold' },
        { value: p.exit, label: 'exit' },
        ...(p.short ? [{ value: p.overbought, label: 'overbought' }] : []),
      ],
    },
  ],
});
