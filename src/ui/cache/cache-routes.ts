/**
 * @module The cache's JSON API: every series as `tlab data ls` lists it (instrument, interval,
 * candle count, first and last candle, covered ranges, the gaps classified by the exchange's
 * schedule as `tlab data verify` does (series-gaps.ts), where the candles came from) with, per
 * never-fetched range between covered ones, the `tlab download` command that fills it (printed for the
 * user to run; the dashboard runs nothing), and the candles of one series over a range, aggregated
 * for the chart when there are many.
 */
import type { FastifyInstance } from 'fastify';
import { z } from '../../core/zod.ts';
import { candleAt, type Candle } from '../../core/candle.ts';
import { UsageError } from '../../core/errors.ts';
import { INTERVALS, intervalMs, type Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { isoUtc } from '../../core/time.ts';
import type { CandleStore } from '../../data/store.ts';
import { downsampleCandles } from '../../report/html/downsample.ts';
import { formatCount } from '../../report/format.ts';
import type { UiSources } from '../server/ui-sources.ts';
import { gapText, type GapSummary } from '../../data/gap-classify.ts';
import { seriesGaps } from '../../data/series-gaps.ts';

/** Candles per chart before they are aggregated to a coarser bucket. */
const MAX_CHART_CANDLES = 5000;

function label(store: CandleStore, uid: string): string {
  const i = store.getInstrument(uid);
  if (i === undefined) return uid;
  return i.classCode ? `${i.ticker || uid}@${i.classCode}` : i.ticker || uid;
}

/** The command that downloads `gap` of the series (by uid: it names the instrument exactly). */
export function downloadCommand(instrument: string, interval: string, gap: TimeRange): string {
  return `tlab download --instrument ${instrument} --interval ${interval} --from ${isoUtc(gap.from)} --to ${isoUtc(gap.to)}`;
}

const GAP_LABELS = {
  missingData: 'missing data',
  noTrades: 'no trades',
  closed: 'closed by schedule',
};

/** The series' gaps as `tlab data verify` classifies them (none for weeks and months). */
function gapsView(g: GapSummary | undefined) {
  if (g === undefined) return null;
  return {
    text: gapText(g),
    closed: g.closed,
    noTrades: g.noTrades,
    missingData: g.missingData,
    standardDays: g.standardDays,
    samples: g.samples.map((x) => ({
      kind: GAP_LABELS[x.kind],
      fromIso: isoUtc(x.from),
      toIso: isoUtc(x.to),
    })),
  };
}

function seriesList(store: CandleStore) {
  return store.listSeries().map((s) => {
    const name = label(store, s.uid);
    const ref = s.instrument?.ticker ? name : s.uid;
    const range = (r: TimeRange) => ({
      from: r.from,
      to: r.to,
      fromIso: isoUtc(r.from),
      toIso: isoUtc(r.to),
    });
    return {
      instrument: name,
      uid: s.uid,
      interval: s.interval,
      candles: s.candles,
      candlesText: formatCount(s.candles),
      specSource: store.instrumentSource(s.uid) ?? null,
      ...(s.instrument === undefined
        ? {}
        : { step: s.instrument.minPriceIncrement, lot: s.instrument.lot }),
      ...(s.firstTime === undefined ? {} : { first: s.firstTime, firstIso: isoUtc(s.firstTime) }),
      ...(s.lastTime === undefined ? {} : { last: s.lastTime, lastIso: isoUtc(s.lastTime) }),
      covered: s.covered.map(range),
      gaps: gapsView(seriesGaps(store, s.uid, s.interval)),
      commands: s.missing.map((g) => ({
        ...range(g),
        command: downloadCommand(ref, s.interval, g),
      })),
      sources: store.seriesSources(s.uid, s.interval).map((src) => ({
        source: src.source,
        kind: sourceKind(src.source),
        ...(src.lastFetched === undefined ? {} : { lastFetched: isoUtc(src.lastFetched) }),
      })),
    };
  });
}

/**
 * What a source label says about the candles: `synthetic` (the emulator's generator), `archive`
 * (a T-Invest history archive), `emulator` (the emulator replaying other data), `unknown` (written
 * before sources were recorded), else `real` (an API endpoint).
 */
export function sourceKind(
  source: string,
): 'real' | 'archive' | 'synthetic' | 'emulator' | 'unknown' {
  if (/synthetic/i.test(source)) return 'synthetic';
  if (source.startsWith('archive')) return 'archive';
  if (source.startsWith('emulator')) return 'emulator';
  if (source === 'unknown') return 'unknown';
  return 'real';
}

const candlesQuery = z.object({
  uid: z.string().check(z.minLength(1)),
  interval: z.enum(INTERVALS),
  from: z.optional(z.coerce.number().check(z.int())),
  to: z.optional(z.coerce.number().check(z.int())),
});

function chartRange(
  store: CandleStore,
  uid: string,
  interval: Interval,
  q: { from?: number; to?: number },
): TimeRange {
  const extent = store.seriesExtent(uid, interval);
  const step = intervalMs(interval) ?? 86_400_000;
  const to = q.to ?? (extent === undefined ? 0 : extent.lastTime + step);
  const from = q.from ?? Math.max(extent?.firstTime ?? 0, to - MAX_CHART_CANDLES * step);
  if (to <= from)
    throw new UsageError(`from ${from} is not before to ${to}`, 'pass from < to (epoch ms)');
  return { from, to };
}

/** Registers `/api/cache/series` and `/api/cache/candles`. */
export function registerCacheRoutes(app: FastifyInstance, sources: UiSources): void {
  app.get('/api/cache/series', async () => {
    if (!sources.hasCache()) return { file: sources.cacheFile, exists: false, series: [] };
    const store = sources.cache();
    return { file: store.file, exists: true, series: seriesList(store) };
  });
  app.get('/api/cache/candles', async (req) => {
    const parsed = candlesQuery.safeParse(req.query);
    if (!parsed.success)
      throw new UsageError(
        `bad candles query: ${parsed.error.issues[0]?.message}`,
        'pass uid, interval, from, to',
      );
    const { uid, interval } = parsed.data;
    const store = sources.cache();
    const range = chartRange(store, uid, interval, parsed.data);
    const all: Candle[] = [];
    // The reader may reuse one batch between steps: copy each step's candles out at once.
    for (const b of store.readBatches(uid, interval, range.from, range.to))
      for (let i = 0; i < b.length; i++) all.push(candleAt(b, i));
    const { candles, bucketMs } = downsampleCandles(all, MAX_CHART_CANDLES);
    return { uid, interval, from: range.from, to: range.to, count: all.length, bucketMs, candles };
  });
}
