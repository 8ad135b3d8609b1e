/**
 * @module `tlab data verify`: integrity checks over the whole cache. Prints one line per series
 * (plus its problems and warnings); off-tick prices and candles outside coverage are reported but
 * are not errors, and neither are the warnings (price jumps the series' volatility does not
 * explain, source changes). Exits non-zero when something is corrupt, or on warnings with --strict.
 */
import type { Argv, CommandModule } from 'yargs';
import { DataIntegrityError } from '../../core/errors.ts';
import type { SeriesVerdict } from '../../data/verify.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { JUMP_FLOOR, JUMP_SIGMAS } from '../../data/verify-continuity.ts';
import { gapText } from '../../data/gap-classify.ts';
import { thousands } from './data-format.ts';

const JUMP_FLOOR_PCT = Math.round((Math.exp(JUMP_FLOOR) - 1) * 100);

interface Args {
  db?: string;
  json: boolean;
  strict: boolean;
}

/** `tlab data verify [--db] [--json]`. */
export const dataVerifyCommand: CommandModule<object, Args> = {
  command: 'verify',
  describe: 'Check the cache: checksums, OHLC, order, alignment, tick grid, coverage',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...dbOption,
        json: { type: 'boolean', default: false, describe: 'Print the report as JSON' },
        strict: {
          type: 'boolean',
          default: false,
          describe: 'Exit non-zero on warnings too (price jumps, source changes)',
        },
      })
      .example('$0 data verify', 'check data/tlab.sqlite (or TLAB_DB)')
      .example(
        '$0 data verify --db data/demo.sqlite --json',
        'check the demo cache, JSON report',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const store = openCliStore(args.db, { mustExist: true });
    let report;
    try {
      report = store.verify();
    } finally {
      store.close();
    }
    if (args.json) process.stdout.write(`${JSON.stringify({ db: store.file, ...report })}\n`);
    else {
      for (const line of report.database) process.stdout.write(`database: ${line}\n`);
      for (const s of report.series) process.stdout.write(seriesText(s));
      process.stdout.write(
        `verify: ${report.series.length} series, ${report.problems} problems, ${report.warnings} warnings` +
          ' (off-tick prices are real exchange quirks: kept and counted, not errors;' +
          ` a price jump is a gap beyond max(${JUMP_SIGMAS} robust sigma, ${JUMP_FLOOR_PCT}%) of the series)\n`,
      );
    }
    if (!report.ok)
      throw new DataIntegrityError(
        `the cache at ${store.file} has ${report.problems} integrity problems`,
        're-import or re-download the affected days (tlab data import / tlab download) to rewrite them',
      );
    if (args.strict && report.warnings > 0)
      throw new DataIntegrityError(
        `the cache at ${store.file} has ${report.warnings} warnings (price jumps or source changes)`,
        'check the listed days; tlab data rm and a fresh download or import replaces a stitched series',
      );
  },
};

function seriesText(s: SeriesVerdict): string {
  const parts = [
    `${s.ticker || s.uid} ${s.interval}: ${thousands(s.candles)} candles in ${s.chunks} chunks`,
  ];
  parts.push(s.problemCount === 0 ? 'ok' : `${s.problemCount} PROBLEMS`);
  if (s.offTick === null) parts.push('tick grid not checked (instrument spec not cached)');
  else
    parts.push(
      `${thousands(s.offTick)} off-tick candles kept` +
        (s.offTickSamples.length ? ` (e.g. ${s.offTickSamples.join(', ')})` : ''),
    );
  if (s.outsideCoverage > 0)
    parts.push(`${thousands(s.outsideCoverage)} candles outside covered ranges`);
  parts.push(`source ${s.sources.join(' + ') || 'none recorded'}`);
  if (s.warningCount > 0) parts.push(`${s.warningCount} warnings`);
  if (s.gaps) parts.push(gapText(s.gaps));
  const lines = [...s.problems, ...s.warnings.map((w) => `warning: ${w}`)];
  return `${parts.join('; ')}\n${lines.map((p) => `  ${p}\n`).join('')}`;
}
