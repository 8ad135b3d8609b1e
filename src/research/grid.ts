/**
 * @module Parameter grids for a search: `name=start:stop:step` (stop included, exact on decimal
 * steps) or `name=a,b,c`, expanded into every combination in a stable order (the first parameter
 * varies slowest), and filtered by constraints such as `fast<slow`.
 */
import { UsageError } from '../core/errors.ts';

/** One grid axis: a parameter and its values in order. */
export interface GridAxis {
  name: string;
  values: (number | string | boolean)[];
}

/** A parameter combination. */
export type ParamSet = Record<string, number | string | boolean>;

function decimals(text: string): number {
  const m = /\.(\d+)$/.exec(text.trim());
  return m ? m[1].length : 0;
}

function scalar(text: string): number | string | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/** Parses one `--grid` value. */
export function parseAxis(spec: string): GridAxis {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  if (eq <= 0 || body === '' || !/^[A-Za-z_]\w*$/.test(name)) {
    throw new UsageError(
      `--grid '${spec}' is not name=start:stop:step or name=a,b,c`,
      'e.g. --grid fast=5:30:5 --grid slow=20,50,100',
    );
  }
  const range = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(body);
  if (range) {
    const [start, stop, step] = range.slice(1).map(Number);
    const d = Math.max(...range.slice(1).map(decimals));
    const scale = 10 ** d;
    const [a, b, s] = [start, stop, step].map((x) => Math.round(x * scale));
    if (!(s > 0) || b < a) {
      throw new UsageError(
        `--grid ${name}: ${body} is an empty range`,
        'give start <= stop and a step > 0, e.g. 5:30:5',
      );
    }
    const values: number[] = [];
    for (let k = a; k <= b; k += s) values.push(k / scale);
    return { name, values };
  }
  const values = body.split(',').map(scalar);
  if (values.some((v) => v === '')) {
    throw new UsageError(`--grid ${name}: '${body}' has an empty value`, 'e.g. name=a,b,c');
  }
  return { name, values };
}

/** Every combination of the axes, first axis slowest. */
export function expandGrid(axes: readonly GridAxis[]): ParamSet[] {
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) {
      throw new UsageError(`--grid ${a.name} is given twice`, 'list each parameter once');
    }
    seen.add(a.name);
  }
  let out: ParamSet[] = [{}];
  for (const a of axes) out = out.flatMap((p) => a.values.map((v) => ({ ...p, [a.name]: v })));
  return out;
}
