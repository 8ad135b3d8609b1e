/**
 * @module The `tlab` command line: builds the yargs parser from the command table and turns any
 * failure into one readable line on stderr and a non-zero exit (stack traces only with --verbose).
 * Only the command on the command line loads its module (see commands/index.ts); `tlab --help`
 * loads none of them.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS, deferredCommand } from './commands/index.ts';
import { failureContext, reportFailure } from './fail.ts';
import { resolveDbPath } from './options/db.ts';
import { rejectRepeatedOptions } from './single-values.ts';

const argv = hideBin(process.argv);

/** The runtime yargs instance exposes its usage renderer, which the typings omit. */
type WithUsage = { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?(): void } } };

/**
 * yargs renders the whole help text right after starting a command's handler, to print it should
 * the handler fail. Our failures print one line instead (see .fail below), so that render, ~40 ms
 * of text layout on every run, is never used: skip it. `--help` itself renders as before.
 */
function skipHelpCache(y: unknown): void {
  const usage = (y as WithUsage).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => undefined;
}

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
  .command(COMMANDS.map(deferredCommand))
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

skipHelpCache(parser);

try {
  // Bare `tlab` prints the help, as `tlab --help` does.
  if (argv.length === 0) parser.showHelp('log');
  else await parser.parseAsync();
} catch (err) {
  process.exitCode = reportFailure(err, argv.includes('--verbose'));
}
