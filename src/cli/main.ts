/**
 * @module The `tlab` command line: builds the yargs parser from the command modules and turns any
 * failure into one readable line on stderr and a non-zero exit (stack traces only with --verbose).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.ts';
import { failureContext, reportFailure } from './fail.ts';
import { resolveDbPath } from './options/db.ts';
import { rejectRepeatedOptions } from './single-values.ts';

const argv = hideBin(process.argv);

// `tlab ... | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const parser = yargs(argv)
  .scriptName('tlab')
  .usage('$0 <command> [options]\n\nBacktesting and research for the T-Invest API.')
  .option('verbose', {
    type: 'boolean',
    default: false,
    describe: 'Print stack traces and debug logs',
  })
  .middleware(rejectRepeatedOptions as never, true)
  .middleware((args) => {
    // Names the cache in messages about it (a damaged or read-only file) whatever code fails.
    const file = typeof args.data === 'string' ? args.data : (args.db as string | undefined);
    failureContext.cacheFile = resolveDbPath(file);
  })
  .command(commands)
  .example('$0 demo', 'the whole path offline: emulator → download → backtest → report')
  .example('$0 backtest --help', 'every command has its own help with examples')
  .demandCommand(1, 'Name a command: see tlab --help')
  .recommendCommands()
  .strict()
  .help()
  .alias('h', 'help')
  .version(false)
  .wrap(Math.min(110, process.stdout.columns ?? 100))
  .fail((msg, err) => {
    if (err) throw err;
    process.stderr.write(`tlab: ${msg} (see tlab --help)\n`);
    process.exit(2);
  });

try {
  // Bare `tlab` prints the help, as `tlab --help` does.
  if (argv.length === 0) parser.showHelp('log');
  else await parser.parseAsync();
} catch (err) {
  process.exitCode = reportFailure(err, argv.includes('--verbose'));
}
