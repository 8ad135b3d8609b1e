/**
 * @module `tlab data`: the offline commands over the candle cache (import, ls, verify, export, resample).
 */
import type { Argv, CommandModule } from 'yargs';
import { dataExportCommand } from './data-export.ts';
import { dataImportCommand } from './data-import.ts';
import { dataLsCommand } from './data-ls.ts';
import { dataResampleCommand } from './data-resample.ts';
import { dataVerifyCommand } from './data-verify.ts';

// Each subcommand types its own arguments; yargs' command list only needs the common shape.
const subcommands = [
  dataImportCommand,
  dataLsCommand,
  dataVerifyCommand,
  dataExportCommand,
  dataResampleCommand,
] as unknown as CommandModule[];

/** `tlab data <command>`. */
export const dataCommand: CommandModule = {
  command: 'data <command>',
  describe: 'Import, list, verify, export and resample the local candle cache',
  builder: (yargs: Argv) =>
    yargs
      .command(subcommands)
      .example('$0 data ls', 'what the cache holds')
      .example('$0 data import --help', 'each data command has its own help with examples')
      .demandCommand(1, 'Name a data command: import, ls, verify, export or resample'),
  handler: () => undefined,
};
