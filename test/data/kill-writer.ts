/**
 * Child process for the kill-and-resume tests: writes a cache the way the downloader does (one
 * transaction per day window, skipping what coverage already has) or imports an archive file,
 * printing a line after each commit so the parent knows when to SIGKILL it.
 * Usage: node --import tsx test/data/kill-writer.ts <db> windows <days> | <db> import <zip>
 * (windows mode writes instrument WRITER_UID from day WRITER_D0, as kill-resume.test.ts expects).
 */
import { importArchiveFile } from '../../src/data/archive/import-file.ts';
import { openStore } from '../../src/data/store.ts';
import { DAY, syntheticDay } from '../fixtures/synthetic-candles.ts';

const WRITER_UID = '11111111-2222-3333-4444-555555555555';
const WRITER_D0 = Date.UTC(2023, 0, 2);

const [db, mode, arg] = process.argv.slice(2);
const store = openStore(db);
if (mode === 'windows') {
  for (let d = 0; d < Number(arg); d++) {
    const window = { from: WRITER_D0 + d * DAY, to: WRITER_D0 + (d + 1) * DAY };
    if (store.missingRanges(WRITER_UID, '1m', window).length === 0) continue;
    const weekday = new Date(window.from).getUTCDay();
    const candles = weekday === 0 || weekday === 6 ? [] : syntheticDay(window.from, 7);
    store.upsertCandles(WRITER_UID, '1m', candles, window);
    process.stdout.write(`${d}\n`);
  }
} else {
  process.stdout.write('begin\n');
  await importArchiveFile(store, arg);
}
store.close();
process.stdout.write('done\n');
