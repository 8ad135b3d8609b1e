/**
 * @module `tlab data`: the offline commands over the candle cache (import, ls, verify, export,
 * resample, rm, continuous).
 */
import type { Argv, CommandModule } from 'yargs';
import { dataContinuousCommand } from './data-continuous.ts';
import { dataExportCommand } from './data-export.ts';
import { dataImportCommand } from './data-import.ts';
import { dataLsCommand } from './data-ls.ts';
import { dataResampleCommand } from './data-resample.ts';
import { dataRmCommand } from './data-rm.ts';
import { dataVerifyCommand } from './data-verify.ts';

// Each subcommand types its own arguments; yargs' command list only needs the common shape.
const subcommands = [
  dataImportCommand,
  dataLsCommand,
  dataVerifyCommand,
  dataExportCommand,
  dataResampleCommand,
  dataRmCommand,
  dataContinuousCommand,
] as unknown as CommandModule[];

/** `tlab data <command>`. */
export const dataCommand: CommandModule = {
  command: 'data <command>',
  describe: 'Import, list, verify, export, resample and remove series of the local candle cache',
  builder: (yargs: Argv) =>
    yargs
      .command(subcommands)
      .example('$0 data ls', 'what the cache holds')
      .example('$0 data import --help', 'each data command has its own help with examples')
      .demandCommand(
        1,
        'Name a data command: import, ls, verify, export, resample, rm or continuous',
      ),
  handler: () => undefined,
};
