/**
 * @module Constraints on parameter combinations, e.g. `fast<slow` or `fast*2<=slow && lots>0`:
 * comparisons (<, <=, >, >=, ==, !=) between sums, differences and products of parameter names and
 * numbers, joined by `&&`. Parsed once into a predicate; no code is evaluated.
 */
import { UsageError } from '../core/errors.ts';
import type { ParamSet } from './grid.ts';

type Expr = (p: ParamSet) => number;
const OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;

function bad(text: string, why: string): UsageError {
  return new UsageError(
    `--constraint '${text}': ${why}`,
    'write comparisons of parameters and numbers, e.g. "fast<slow" or "fast*2<=slow && lots>0"',
  );
}

function expression(src: string, text: string, names: ReadonlySet<string>): Expr {
  const tokens = src.match(/\s*([A-Za-z_]\w*|\d+(?:\.\d+)?|[-+*/()])\s*/g);
  if (!tokens || tokens.join('') !== src) throw bad(text, `cannot read '${src.trim()}'`);
  const t = tokens.map((x) => x.trim());
  let k = 0;
  const atom = (): Expr => {
    const tok = t[k++];
    if (tok === undefined) throw bad(text, 'an operand is missing');
    if (tok === '(') {
      const e = sum();
      if (t[k++] !== ')') throw bad(text, 'a parenthesis is not closed');
      return e;
    }
    if (tok === '-') {
      const e = atom();
      return (p) => -e(p);
    }
    if (/^\d/.test(tok)) {
      const n = Number(tok);
      return () => n;
    }
    if (!names.has(tok)) throw bad(text, `'${tok}' is not a grid parameter`);
    return (p) => Number(p[tok]);
  };
  const product = (): Expr => {
    let e = atom();
    while (t[k] === '*' || t[k] === '/') {
      const op = t[k++];
      const l = e;
      const r = atom();
      e = op === '*' ? (p) => l(p) * r(p) : (p) => l(p) / r(p);
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (t[k] === '+' || t[k] === '-') {
      const op = t[k++];
      const l = e;
      const r = product();
      e = op === '+' ? (p) => l(p) + r(p) : (p) => l(p) - r(p);
    }
    return e;
  };
  const e = sum();
  if (k !== t.length) throw bad(text, `unexpected '${t[k]}'`);
  return e;
}

/** A predicate over parameter sets from the `--constraint` texts (all must hold). */
export function parseConstraints(
  texts: readonly string[],
  names: readonly string[],
): (p: ParamSet) => boolean {
  const known = new Set(names);
  const checks = texts.flatMap((text) =>
    text.split('&&').map((part) => {
      const op = OPS.find((o) => part.includes(o));
      if (op === undefined) throw bad(text, 'no comparison (<, <=, >, >=, ==, !=)');
      const at = part.indexOf(op);
      const l = expression(part.slice(0, at), text, known);
      const r = expression(part.slice(at + op.length), text, known);
      const cmp: Record<(typeof OPS)[number], (a: number, b: number) => boolean> = {
        '<=': (a, b) => a <= b,
        '>=': (a, b) => a >= b,
        '==': (a, b) => a === b,
        '!=': (a, b) => a !== b,
        '<': (a, b) => a < b,
        '>': (a, b) => a > b,
      };
      return (p: ParamSet) => cmp[op](l(p), r(p));
    }),
  );
  return (p) => checks.every((c) => c(p));
}
