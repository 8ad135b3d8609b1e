/**
 * @module The project's error classes. Every error a user can cause carries a one-line message that
 * names the problem and a hint that names the fix; the CLI prints exactly those two, without a stack.
 */

/** Options shared by the project's errors. */
export interface TlabErrorOptions {
  cause?: unknown;
  /** Process exit code the CLI uses for this error (default 1). */
  exitCode?: number;
}

/** Base class: a problem with a readable message and a hint on how to fix it. */
export class TlabError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, hint?: string, options: TlabErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = hint;
    this.exitCode = options.exitCode ?? 1;
  }

  /** `message (hint)` on one line, as the CLI prints it. */
  oneLine(): string {
    return this.hint ? `${this.message}: ${this.hint}` : this.message;
  }
}

/** Bad command-line input or configuration (exit code 2). */
export class UsageError extends TlabError {
  constructor(message: string, hint?: string, options: TlabErrorOptions = {}) {
    super(message, hint, { exitCode: 2, ...options });
  }
}

/** Data that breaks an invariant: corrupt archive, OHLC violation, hole in a covered range. */
export class DataIntegrityError extends TlabError {}

/** Something asked for is not there: an instrument, a cached range, a strategy. */
export class NotFoundError extends TlabError {}
