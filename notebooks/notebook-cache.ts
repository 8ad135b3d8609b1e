/**
 * @module The small cache every notebook runs against: four weeks of SBER and GAZP from the
 * emulator's deterministic synthetic market, stored as 1-minute candles and resampled to 1 hour.
 * No network; the same file on every machine. Uses only the public API.
 */
import { existsSync } from 'node:fs';
import * as lab from '../src/index.ts';

/** Where the notebooks' cache lives (TLAB_NOTEBOOK_DB overrides). */
export const NOTEBOOK_DB = process.env.TLAB_NOTEBOOK_DB ?? 'data/notebooks.sqlite';

/** The range the cache holds. */
export const NOTEBOOK_RANGE = { from: Date.UTC(2024, 2, 4), to: Date.UTC(2024, 3, 29) };

/** Opens the notebooks' cache, filling it from the synthetic market when it is new. */
export function openNotebookCache(file = NOTEBOOK_DB): lab.CandleStore {
  const fresh = !existsSync(file);
  const store = lab.openStore(file);
  if (fresh || store.listInstruments().length === 0) {
    const market = new lab.SyntheticMarket(11);
    for (const inst of market.instruments().filter((i) => ['SBER', 'GAZP'].includes(i.ticker))) {
      store.upsertInstrument(inst);
      const { from, to } = NOTEBOOK_RANGE;
      store.upsertCandles(inst.uid, '1m', market.minuteCandles(inst.uid, from, to), NOTEBOOK_RANGE);
      lab.resampleFromMinutes(store, inst.uid, '1h');
    }
  }
  return store;
}
