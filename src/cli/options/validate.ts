/**
 * @module Validation at the CLI edge with zod (its tree-shakable `zod/mini` form: the classic API
 * builds ~50 methods into every schema and costs ~25 ms of each start): each shared option has a schema beside its yargs
 * definition, a command validates its arguments against them in one call, and the first problem
 * becomes one usage line naming the flag, what was typed and the fix. Errors raised by the
 * project's own parsers (with their own message and hint) pass through unchanged.
 */
import { refuse, z } from '../../core/zod.ts';
import { TlabError, UsageError } from '../../core/errors.ts';

/**
 * Runs `work` inside a zod transform: a TlabError it throws becomes an issue carrying the error,
 * which validateArgs rethrows as it is (so the parser's own message and hint reach the user).
 */
export function attempt<T>(ctx: z.core.ParsePayload, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (!(err instanceof TlabError)) throw err;
    return refuse(ctx, err.message, { error: err });
  }
}

/** A schema running one of the project's parsers on a single-value option. */
export function parsed<T>(parse: (text: string) => T) {
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => attempt(ctx, () => parse(text))),
  );
}

/** The same over a repeatable option (yargs gives an array). */
export function parsedList<T>(parse: (items: string[]) => T) {
  return z.pipe(
    z.array(z.string()),
    z.transform((items: string[], ctx) => attempt(ctx, () => parse(items))),
  );
}

/**
 * Options for `.refine()`: when the check fails, the usage line is `message` with `hint` (for
 * rules about a value's meaning rather than its form, such as a combination that does nothing).
 */
export function refusal(message: string, hint: string) {
  return { params: { usage: { message, hint } } };
}

/**
 * A number typed as text (yargs would turn `abc` into NaN and lose what was typed), then checked
 * by `schema`; `hint` says what to give.
 */
export function numberText<T extends z.core.$ZodType<unknown, number>>(schema: T, hint: string) {
  const asNumber = z.transform((text: string, ctx) => {
    const n = text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(n) ? n : refuse(ctx, hint, { what: 'is not a number' });
  });
  return z.pipe(z.pipe(z.string(), asNumber), schema);
}

const WHAT: Partial<Record<string, string>> = {
  invalid_value: 'is not supported',
  too_small: 'is out of range',
  too_big: 'is out of range',
  not_multiple_of: 'is out of range',
  invalid_type: 'is not valid',
};

function shown(input: unknown): string {
  return typeof input === 'string' ? `'${input}'` : String(input);
}

/**
 * Validates `args` against `schema` and returns the parsed values.
 * @throws UsageError naming the first bad option (or the parser's own TlabError).
 */
export function validateArgs<S extends z.core.$ZodType>(schema: S, args: unknown): z.output<S> {
  const result = z.safeParse(schema, args, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const params = (
    issue as {
      params?: { error?: unknown; what?: string; usage?: { message: string; hint: string } };
    }
  ).params;
  if (params?.error instanceof TlabError) throw params.error;
  if (params?.usage) throw new UsageError(params.usage.message, params.usage.hint);
  const flag = `--${issue.path.map(String).join('.')}`;
  const what = params?.what ?? WHAT[issue.code] ?? 'is not valid';
  const hint =
    issue.code === 'invalid_value'
      ? `use one of ${issue.values.map(String).join(', ')}`
      : issue.message;
  throw new UsageError(`${flag} ${shown(issue.input)} ${what}`, hint);
}
