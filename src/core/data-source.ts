/**
 * @module Where candles came from, as the cache records it and results report it. A source is one
 * label per series (or per chunk): the venue's endpoint host (`invest-public-api.tinkoff.ru:443`),
 * the emulator (`emulator:synthetic seed 1`, `emulator:data FILE`), an archive (`archive:FILE` or
 * `archive:URL`), a series derived from another (`resample:<label of its source>`), or the live market-data stream
 * (`stream:<label of the venue>`). The label is
 * what a user reads; `sourceKind` is what a banner or a check decides on. A series built from a mix
 * (allowed with `--allow-mixed-sources`) joins its labels with ` + `, e.g.
 * `resample:archive:X.zip + emulator:synthetic seed 1`.
 */

/** What kind of data a source label names. */
export type SourceKind = 'venue' | 'archive' | 'synthetic' | 'replay' | 'unknown';

/** Kinds in the order a check should worry about them: a mix has the kind of its most suspect part. */
const SUSPICION: readonly SourceKind[] = ['synthetic', 'replay', 'unknown', 'archive', 'venue'];

/**
 * The kind of the data behind a source label (a resample has the kind of what it was built from;
 * a ` + ` mix the most suspect kind among its parts: synthetic, replay, unknown, archive, venue).
 */
export function sourceKind(label: string): SourceKind {
  if (label.includes(' + ')) {
    const kinds = label.split(' + ').map((part) => sourceKind(part));
    return SUSPICION.find((k) => kinds.includes(k)) ?? 'unknown';
  }
  if (label.startsWith('resample:')) return sourceKind(label.slice('resample:'.length));
  // A continuous futures series has the kind of the contracts it was spliced from.
  if (label.startsWith('continuous:')) return sourceKind(label.slice('continuous:'.length));
  // The live stream names what it streams from: `stream:<venue label or endpoint>`.
  if (label.startsWith('stream:')) return sourceKind(label.slice('stream:'.length));
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
