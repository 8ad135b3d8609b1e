/**
 * @module Keeps tokens out of text: every message, log line and error the client produces passes
 * through a Redactor that knows the token in use.
 */

/** Replaces secrets (and anything after `Bearer `) with a placeholder. */
export type Redactor = (text: string) => string;

/** A redactor for the given secrets; very short strings are ignored so words are not mangled. */
export function makeRedactor(secrets: readonly string[]): Redactor {
  const list = secrets.filter((s) => s.length >= 4);
  return (text: string) => {
    let out = text.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
    for (const s of list) out = out.split(s).join('[redacted]');
    return out;
  };
}
