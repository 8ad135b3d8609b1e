/**
 * @module The CLI forms of the simulated broker's models: `--fee` (a fraction `0.0005`, a
 * percentage `0.05%` or a preset name) and `--slippage` (`none`, `ticks:N` or `Nt`, `percent:F`
 * or `F%`). The engine owns the specs and their ranges; this file owns the text and the wording.
 */
import { UsageError } from '../../core/errors.ts';
import {
  checkFeeSpec,
  checkSlippageSpec,
  FEE_PRESETS,
  feeSpec,
  ModelSpecError,
  type FeePreset,
  type FeeSpec,
  type SlippageSpec,
} from '../../engine/index.ts';

const FEE_FORMS = `use e.g. 0.0005, 0.05% or one of ${Object.keys(FEE_PRESETS).join(', ')}`;
const SLIPPAGE_FORMS =
  'use none, ticks:N (N price steps), percent:F (a fraction, e.g. percent:0.0005) or F% (e.g. 0.05%)';

/** Runs the engine's check, re-worded as a usage error naming the flag and what was typed. */
function checked<T>(flag: string, text: string, forms: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof ModelSpecError)) throw err;
    throw new UsageError(
      `${flag} '${text}': ${err.field} ${String(err.value)} is not ${err.allowed}`,
      forms,
      {
        cause: err,
      },
    );
  }
}

/** Parses a `--fee` value. */
export function parseFee(text: string): FeeSpec {
  const t = text.trim();
  if (t in FEE_PRESETS) return feeSpec(t as FeePreset);
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n))
    throw new UsageError(`--fee '${text}' is neither a fraction nor a preset`, FEE_FORMS);
  const rate = pct ? n / 100 : n;
  return checked('--fee', text, FEE_FORMS, () => checkFeeSpec({ kind: 'percent', rate }));
}

/** The spec a `--slippage` text spells, unchecked; undefined when it is not one of the forms. */
function slippageForm(t: string): SlippageSpec | undefined {
  if (t === 'none' || t === '0') return { kind: 'none' };
  let m = /^(?:ticks:(\d+)|(\d+)t)$/.exec(t);
  if (m) return { kind: 'ticks', ticks: Number(m[1] ?? m[2]) };
  m = /^percent:([0-9.eE-]+)$/.exec(t);
  if (m) return { kind: 'percent', rate: Number(m[1]) };
  m = /^([0-9.]+)%$/.exec(t);
  if (m) return { kind: 'percent', rate: Number(m[1]) / 100 };
  return undefined;
}

/** Parses a `--slippage` value. */
export function parseSlippage(text: string): SlippageSpec {
  const spec = slippageForm(text.trim());
  if (!spec) throw new UsageError(`--slippage '${text}' is not understood`, SLIPPAGE_FORMS);
  return checked('--slippage', text, SLIPPAGE_FORMS, () => checkSlippageSpec(spec));
}
