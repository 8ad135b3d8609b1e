/**
 * @module Where candles came from, as the cache records it and results report it. A source is one
 * label per series (or per chunk): the venue's endpoint host (`invest-public-api.tinkoff.ru:443`),
 * the emulator (`emulator:synthetic seed 1`, `emulator:data FILE`), an archive (`archive:FILE` or
 * `archive:URL`), or a series derived from another (`resample:<label of its source>`). The label is
 * what a user reads; `sourceKind` is what a banner or a check decides on.
 */

/** What kind of data a source label names. */
export type SourceKind = 'venue' | 'archive' | 'synthetic' | 'replay' | 'unknown';

/** The kind of the data behind a source label (a resample has the kind of what it was built from). */
export function sourceKind(label: string): SourceKind {
  if (label.startsWith('resample:')) return sourceKind(label.slice('resample:'.length));
  if (label.startsWith('emulator:synthetic')) return 'synthetic';
  if (label.startsWith('emulator:')) return 'replay';
  if (label.startsWith('archive:')) return 'archive';
  if (label === '' || label === 'unknown') return 'unknown';
  return 'venue';
}

/** True when any of the labels names synthetic (generated, not traded) candles. */
export function anySynthetic(labels: readonly string[]): boolean {
  return labels.some((l) => sourceKind(l) === 'synthetic');
}
