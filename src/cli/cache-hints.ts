/**
 * @module The command-line hints for the cache's typed errors. The data layer reports what is wrong
 * as data (file, series, day, sources); this is where that becomes the command that fixes it, so
 * only the CLI speaks of `--db`, `tlab download` or `tlab data rm`.
 */
import { NotFoundError, type TlabError } from '../core/errors.ts';
import { DataIntegrityError } from '../core/errors.ts';
import { isYearChunked } from '../data/chunk-key.ts';
import {
  CacheFileError,
  CorruptChunkError,
  MissingCacheError,
  MixedSourceError,
  type SeriesRef,
} from '../data/cache-errors.ts';

const FILE_HINTS = {
  'not-sqlite': 'point --db at a tlab cache or at a new file',
  foreign: 'point --db at a new file or an existing tlab cache',
  newer: 'update tinvest-lab or point --db at another file',
} as const;

/** `err` with the CLI's hint when it is one of the cache's typed errors; otherwise `err` itself. */
export function withCliHint(err: unknown): unknown {
  if (err instanceof MissingCacheError)
    return new NotFoundError(
      err.message,
      'run tlab download or tlab data import first, or point --db / TLAB_DB at the cache',
      { cause: err },
    );
  if (err instanceof CacheFileError) return rehint(err, FILE_HINTS[err.problem]);
  if (err instanceof MixedSourceError) return rehint(err, mixedHint(err));
  if (err instanceof CorruptChunkError) return rehint(err, repairHint(err));
  return err;
}

function rehint(err: TlabError, hint: string): DataIntegrityError {
  return new DataIntegrityError(err.message, hint, { cause: err });
}

const seriesArgs = (s: SeriesRef) => `--instrument ${s.uid} --interval ${s.interval}`;

function mixedHint(err: MixedSourceError): string {
  const rm = `tlab data rm ${seriesArgs(err.series)}`;
  if (err.incoming.startsWith('resample:'))
    return `rebuild it from the minutes with tlab data resample ${seriesArgs(err.series)} --force, or resample into another file (--db)`;
  return `keep the sources apart with --db another file, or remove the series first (${rm}); --allow-mixed-sources stores the mix on purpose`;
}

/** The command that rewrites the damaged chunk, chosen by where its candles came from. */
function repairHint(err: CorruptChunkError): string {
  const { series, day } = err;
  const source = err.sources[0] ?? 'unknown';
  if (source.startsWith('archive:'))
    return `re-import the archive: tlab data import ${source.slice('archive:'.length)} (it rewrites the day)`;
  if (source.startsWith('resample:'))
    return `rebuild the series: tlab data resample ${seriesArgs(series)} --force`;
  const from = Date.parse(`${day}T00:00:00Z`);
  const next = new Date(from);
  if (isYearChunked(series.interval)) next.setUTCFullYear(next.getUTCFullYear() + 1);
  else next.setUTCDate(next.getUTCDate() + 1);
  const span = `${seriesArgs(series)} --from ${day} --to ${next.toISOString().slice(0, 10)}`;
  return `re-download the day: tlab data rm ${span}, then tlab download ${span}`;
}
