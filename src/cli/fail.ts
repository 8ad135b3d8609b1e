/**
 * @module How the CLI reports a failure: one line naming the problem and the fix, no stack trace
 * unless --verbose. Operating-system and SQLite failures are named by their cause
 * (system-failure.ts). Secrets never reach this point (errors are built without them).
 */
import { statSync } from 'node:fs';
import { TlabError } from '../core/errors.ts';
import { withCliHint } from './cache-hints.ts';
import { withJournalHint } from './journal-hints.ts';
import { cliLine } from './hints.ts';
import { describeSystemFailure, type FailureContext } from './system-failure.ts';

/** What the running command works on; main.ts fills it in once the arguments are parsed. */
export const failureContext: FailureContext = {};

function isFile(p: string): boolean {
  try {
    return !statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Prints `err` to stderr and returns the exit code to use. */
export function reportFailure(failure: unknown, verbose: boolean): number {
  const err = withJournalHint(withCliHint(failure));
  const known = err instanceof TlabError ? err : describeSystemFailure(err, failureContext, isFile);
  if (known) {
    process.stderr.write(`tlab: ${cliLine(known)}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return known.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `tlab: unexpected error: ${message.split('\n')[0]} (rerun with --verbose for details)\n`,
  );
  if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 1;
}
