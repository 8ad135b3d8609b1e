/**
 * @module Output options shared by commands: `--json` (one JSON document on stdout instead of
 * text; each command words what it prints).
 */

/** `--json`. */
export function jsonOption(describe = 'Print JSON') {
  return { json: { type: 'boolean', default: false, describe } } as const;
}
