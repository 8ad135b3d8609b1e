/**
 * @module The list of `tlab` commands. Each command lives in its own file in this folder and
 * exports one yargs CommandModule.
 */
import type { CommandModule } from 'yargs';
import { backtestCommand } from './backtest.ts';
import { dataCommand } from './data.ts';
import { demoCommand } from './demo.ts';
import { downloadCommand } from './download.ts';
import { instrumentsCommand } from './instruments.ts';
import { serveCommand } from './serve.ts';

/** Every command, in the order `tlab --help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  demoCommand,
  downloadCommand,
  backtestCommand,
  instrumentsCommand,
  dataCommand,
  serveCommand,
];
