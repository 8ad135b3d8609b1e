/**
 * @module Token check of the emulator: `authorization: Bearer <token>` must carry one of the
 * configured tokens, or any non-empty token when none is configured. Tokens are compared, never
 * logged or echoed.
 */

/** The token of an `authorization` header value, or undefined when it is not a Bearer token. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^\s*bearer\s+(\S.*?)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}

/** Decides which tokens the emulator accepts. */
export class TokenCheck {
  private readonly tokens: ReadonlySet<string> | undefined;

  constructor(tokens?: readonly string[]) {
    const list = (tokens ?? []).filter((t) => t.length > 0);
    this.tokens = list.length > 0 ? new Set(list) : undefined;
  }

  /** True when `token` may use the emulator. */
  accepts(token: string | undefined): token is string {
    if (!token) return false;
    return this.tokens ? this.tokens.has(token) : true;
  }
}
