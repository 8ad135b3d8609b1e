/**
 * @module `tlab paper`: a strategy on the live candle stream with the simulated broker; no order
 * leaves the machine. Against the emulator (`--emulator`, or `tlab serve` and `--endpoint`) it needs
 * no token; against T-Invest it reads market data with the configured token.
 */
import { liveCommand } from '../live/live-command.ts';

/** The `paper` command. */
export const paperCommand = liveCommand({
  mode: 'paper',
  command: 'paper',
  describe: 'Run a strategy on the live stream with the simulated broker (no real orders)',
  examples: [
    [
      '$0 paper --strategy sma-cross --instrument SBER --interval 1m --emulator --replay-from 2024-10-02T07:00:00Z --speed 600 --for 2h',
      'rehearse on the in-process emulator, replaying a morning ten minutes a second',
    ],
    [
      '$0 paper --strategy sma-cross --instrument SBER --interval 1m',
      'on the real stream (TINKOFF_TOKEN_STRING)',
    ],
  ],
});
