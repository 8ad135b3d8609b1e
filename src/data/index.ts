/** @module Public surface of src/data: the SQLite candle cache, archive import and SqliteFeed. */
export { openStore, CandleStore, type OpenStoreOptions, type SeriesExtent } from './store.ts';
export type { WriteSummary } from './candle-writer.ts';
export {
  CacheFileError,
  CorruptChunkError,
  MissingCacheError,
  MixedSourceError,
  type CacheFileProblem,
  type SeriesRef,
} from './cache-errors.ts';
export { UNKNOWN_SOURCE, type SeriesSource, type WriteOrigin } from './source-repo.ts';
export type { RemoveSummary } from './series-remove.ts';
export type { ContinuityFindings } from './verify-continuity.ts';
export { resampleFromMinutes, resampleLabel, type ResampleOptions } from './resample.ts';
export type { InstrumentSource } from './instrument-repo.ts';
export { looksLikeFigi, looksLikeUid } from './instrument-repo.ts';
export type { SeriesInfo } from './series-list.ts';
export type { SeriesVerdict, VerifyReport } from './verify.ts';
export { SqliteFeed } from './sqlite-feed.ts';
export { mergeRanges, subtractRanges } from './time-ranges.ts';
export { chunkStart, nextChunkStart } from './chunk-key.ts';
export {
  ArchiveParser,
  readArchive,
  type ArchiveDay,
  type ArchiveTotals,
} from './archive/archive-stream.ts';
export { readArchiveBytes } from './archive/archive-bytes.ts';
export {
  importArchive,
  importArchiveBytes,
  type ImportOptions,
  type ImportResult,
} from './archive/import-archive.ts';
export { archiveFiles, importArchiveFile } from './archive/import-file.ts';
export { parseDayCsv, parseDayFileName } from './archive/day-csv.ts';
export { plainDecimal, formatCandleCsv, formatCandleJson, CSV_HEADER } from './export-format.ts';
export { EconomicsCache } from './economics-cache.ts';
export { loadEconomics, type CachedEconomics, type InstrumentMargin } from './load-economics.ts';
