/**
 * @module `tlab data ls`: what the cache holds, per instrument and interval: candle counts, first
 * and last candle, covered ranges ([from, to), UTC), the never-fetched gaps between them, and
 * where the candles came from (every source that wrote into the series, with when it last did).
 */
import { statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { isoUtc, utcDay } from '../../core/time.ts';
import type { GapCount, GapSummary } from '../../data/gap-classify.ts';
import { seriesGaps } from '../../data/series-gaps.ts';
import type { SeriesSource } from '../../data/source-repo.ts';
import { dbOption, openCliStore, resolveDbPath } from '../options/db.ts';
import { instrumentLabel, rangeJson, rangesText, table, thousands } from './data-format.ts';

const FILL_HINT = 'tlab download or tlab data import fills it';

function isEmptyFile(file: string): boolean {
  try {
    return statSync(file).size === 0;
  } catch {
    return false;
  }
}

interface Args {
  db?: string;
  json: boolean;
}

/** `tlab data ls [--db] [--json]`. */
export const dataLsCommand: CommandModule<object, Args> = {
  command: 'ls',
  describe: 'List cached series: candles, covered ranges, gaps',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...dbOption,
        json: { type: 'boolean', default: false, describe: 'Print JSON instead of a table' },
      })
      .example('$0 data ls', 'what data/tlab.sqlite (or TLAB_DB) holds')
      .example(
        '$0 data ls --db data/demo.sqlite --json',
        'the demo cache, as JSON',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    // Opening a 0-byte file would write a schema into it; listing must not change the file.
    const file = resolveDbPath(args.db);
    if (isEmptyFile(file)) {
      if (args.json) process.stdout.write(`${JSON.stringify({ db: file, series: [] })}\n`);
      else process.stdout.write(`the cache at ${file} is empty (0 bytes): ${FILL_HINT}\n`);
      return;
    }
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const series = store.listSeries();
      if (args.json) {
        const out = series.map((s) => ({
          instrument: instrumentLabel(s.instrument, s.uid),
          uid: s.uid,
          figi: s.instrument?.figi ?? null,
          specSource: store.instrumentSource(s.uid) ?? null,
          interval: s.interval,
          candles: s.candles,
          chunks: s.chunks,
          first: s.firstTime === undefined ? null : isoUtc(s.firstTime),
          last: s.lastTime === undefined ? null : isoUtc(s.lastTime),
          covered: s.covered.map(rangeJson),
          missing: s.missing.map(rangeJson),
          gaps: gapsJson(seriesGaps(store, s.uid, s.interval)),
          sources: store.seriesSources(s.uid, s.interval).map((src) => ({
            source: src.source,
            firstFetched: src.firstFetched === undefined ? null : isoUtc(src.firstFetched),
            lastFetched: src.lastFetched === undefined ? null : isoUtc(src.lastFetched),
          })),
        }));
        process.stdout.write(`${JSON.stringify({ db: store.file, series: out })}\n`);
        return;
      }
      if (series.length === 0) {
        process.stdout.write(`the cache at ${store.file} is empty: ${FILL_HINT}\n`);
        return;
      }
      const rows = [
        [
          'INSTRUMENT',
          'INTERVAL',
          'CANDLES',
          'FIRST',
          'LAST',
          'COVERED',
          'MISSING',
          'GAPS C/N/M',
          'SOURCE',
        ],
      ];
      for (const s of series)
        rows.push([
          instrumentLabel(s.instrument, s.uid),
          s.interval,
          thousands(s.candles),
          s.firstTime === undefined ? '-' : isoUtc(s.firstTime),
          s.lastTime === undefined ? '-' : isoUtc(s.lastTime),
          rangesText(s.covered),
          rangesText(s.missing),
          gapsCell(seriesGaps(store, s.uid, s.interval)),
          sourceText(store.seriesSources(s.uid, s.interval)),
        ]);
      process.stdout.write(table(rows));
      process.stdout.write(
        `${series.length} series in ${store.file} (ranges are [from, to) UTC; GAPS counts the runs of empty candles closed by schedule / with no trades in a session / missing data)\n`,
      );
    } finally {
      store.close();
    }
  },
};

/** `emulator:synthetic seed 1 (fetched 2025-02-14)`; a mix joins its sources with ` + `. */
function sourceText(sources: readonly SeriesSource[]): string {
  if (sources.length === 0) return '-';
  const last = Math.max(...sources.map((s) => s.lastFetched ?? -Infinity));
  const when = Number.isFinite(last) ? ` (fetched ${utcDay(last)})` : '';
  return `${sources.map((s) => s.source).join(' + ')}${when}`;
}

/** `12/3/0`: gaps closed by schedule, without trades in a session, and missing data. */
function gapsCell(g: GapSummary | undefined): string {
  return g ? `${g.closed.gaps}/${g.noTrades.gaps}/${g.missingData.gaps}` : '-';
}

function gapsJson(g: GapSummary | undefined) {
  if (!g) return null;
  const count = (c: GapCount) => ({ gaps: c.gaps, candles: c.slots });
  return {
    closed: count(g.closed),
    noTrades: count(g.noTrades),
    missingData: count(g.missingData),
    samples: g.samples.map((s) => ({ kind: s.kind, ...rangeJson(s) })),
    standardScheduleDays: g.standardDays,
  };
}
