/**
 * @module Trading schedules downloaded with the candles: for every exchange the downloaded
 * instruments trade on, the days of the requested range that the cache has no schedule for are
 * asked of TradingSchedules (in windows of at most 30 days) and cached per exchange and day. An API
 * that has no schedule for the range (the real one serves today onwards only) is no error: the
 * days stay uncached and session filtering falls back to the standard day, saying so.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { TimeRange } from '../../core/time.ts';
import { scheduleExchange } from '../schedule-repo.ts';
import type { HistoryApi, HistoryStore } from './ports.ts';

const DAY = 86_400_000;
const WINDOW_DAYS = 30;

/** What the schedule download did per exchange. */
export interface ScheduleSummary {
  exchange: string;
  /** Days written into the cache. */
  days: number;
  /** True when the API had no schedule for (part of) the range. */
  unavailable: boolean;
}

/** Downloads the missing schedule days of the instruments' exchanges over `range`. */
export async function downloadSchedules(
  api: HistoryApi,
  store: HistoryStore,
  instruments: readonly Instrument[],
  range: TimeRange,
): Promise<ScheduleSummary[]> {
  if (!api.tradingSchedules || !store.saveTradingDays || !store.cachedTradingDays) return [];
  const from = Math.floor(range.from / DAY) * DAY;
  const to = Math.ceil(range.to / DAY) * DAY;
  if (!(to > from) || instruments.length === 0) return [];
  const source = await api.source(instruments[0].uid);
  const out: ScheduleSummary[] = [];
  for (const exchange of [...new Set(instruments.map((i) => scheduleExchange(i)))]) {
    const summary: ScheduleSummary = { exchange, days: 0, unavailable: false };
    for (let start = from; start < to; start += WINDOW_DAYS * DAY) {
      const window = { from: start, to: Math.min(to, start + WINDOW_DAYS * DAY) };
      if (store.cachedTradingDays(exchange, window) === (window.to - window.from) / DAY) continue;
      const days = await api.tradingSchedules(exchange, window);
      if (days === null) {
        summary.unavailable = true;
        continue;
      }
      const inside = days.filter((d) => d.exchange === exchange && d.date >= window.from && d.date < window.to);
      store.saveTradingDays(inside, source);
      summary.days += inside.length;
    }
    out.push(summary);
  }
  return out;
}
