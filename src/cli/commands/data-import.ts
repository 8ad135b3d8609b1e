/**
 * @module `tlab data import PATH`: loads T-Invest yearly 1-minute archives (a zip, or a folder of
 * zips) that were fetched by other means, with the downloader's parsing, checks and coverage rules.
 * Each archive is all or nothing; the first bad one stops the command.
 */
import type { Argv, CommandModule } from 'yargs';
import { archiveFiles, importArchiveFile } from '../../data/archive/import-file.ts';
import { dbOption, withCliStore } from '../options/db.ts';
import { instrumentLabel, rangeJson, rangeText, thousands } from './data-format.ts';

interface Args {
  path: string;
  db?: string;
  json: boolean;
}

/** `tlab data import PATH [--db] [--json]`. */
export const dataImportCommand: CommandModule<object, Args> = {
  command: 'import <path>',
  describe: 'Import yearly 1-minute archive zips (a file or a folder of them)',
  builder: (yargs: Argv) =>
    yargs
      .positional('path', {
        type: 'string',
        demandOption: true,
        describe: 'A .zip or a folder of them',
      })
      .options({
        ...dbOption,
        json: {
          type: 'boolean',
          default: false,
          describe: 'Print one JSON summary instead of text',
        },
      })
      .example(
        '$0 data import ../shared/data/moex-1m-2024/BBG004730N88_2024.zip',
        'one yearly archive (SBER 2024)',
      )
      .example(
        '$0 data import ../shared/data/moex-1m-2024 --db data/moex.sqlite',
        'every zip in a folder',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const files = archiveFiles(args.path);
    const results: Record<string, unknown>[] = [];
    const db = await withCliStore(args.db, { mustExist: false }, async (store) => {
      for (const file of files) {
        const r = await importArchiveFile(store, file);
        const name = instrumentLabel(store.getInstrument(r.uid), r.uid);
        results.push({ ...r, instrument: name, covered: r.covered && rangeJson(r.covered) });
        if (args.json) continue;
        const covered = r.covered ? `, covered ${rangeText(r.covered)}` : '';
        process.stdout.write(
          `imported ${r.label}: ${name} 1m, ${r.days} days, ${thousands(r.candles)} candles${covered}\n`,
        );
        if (r.instrumentCreated)
          process.stdout.write(
            `  ${r.uid} was not in the cache: stored a minimal instrument row named ${name}; ` +
              'tlab download fills in its spec (ticker, tick, lot)\n',
          );
      }
      return store.file;
    });
    if (args.json) process.stdout.write(`${JSON.stringify({ db, archives: results })}\n`);
  },
};
