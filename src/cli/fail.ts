/**
 * @module How the CLI reports a failure: one line naming the problem and the fix, no stack trace
 * unless --verbose. Secrets never reach this point (errors are built without them).
 */
import { TlabError } from '../core/errors.ts';
import { cliLine } from './hints.ts';

/** Prints `err` to stderr and returns the exit code to use. */
export function reportFailure(err: unknown, verbose: boolean): number {
  if (err instanceof TlabError) {
    process.stderr.write(`tlab: ${cliLine(err)}\n`);
    if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `tlab: unexpected error: ${message.split('\n')[0]} (rerun with --verbose for details)\n`,
  );
  if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 1;
}
