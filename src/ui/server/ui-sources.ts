/**
 * @module The two files the dashboard reads, opened read-only on first use and kept open: the
 * run journal (which may not exist yet when the dashboard starts: it is looked for again on the
 * next request) and the candle cache. A failed open is the request's error, not the server's.
 */
import { existsSync } from 'node:fs';
import { openJournalReader, type JournalReader } from '../../data/journal/journal-reader.ts';
import { openStoreReader } from '../../data/open-store-reader.ts';
import type { CandleStore } from '../../data/store.ts';

/** Where the dashboard reads from. */
export class UiSources {
  private journalReader: JournalReader | undefined;
  private store: CandleStore | undefined;

  constructor(
    readonly cacheFile: string,
    readonly journalFile: string,
  ) {}

  /** True when the journal file exists (a fresh machine has none until the first run). */
  hasJournal(): boolean {
    return this.journalReader !== undefined || existsSync(this.journalFile);
  }

  /** The journal, read-only. @throws MissingJournalError when there is none yet. */
  journal(): JournalReader {
    return (this.journalReader ??= openJournalReader(this.journalFile));
  }

  /** True when the cache file exists. */
  hasCache(): boolean {
    return this.store !== undefined || existsSync(this.cacheFile);
  }

  /** The cache, read-only. @throws MissingCacheError when there is none. */
  cache(): CandleStore {
    return (this.store ??= openStoreReader(this.cacheFile));
  }

  close(): void {
    this.journalReader?.close();
    this.store?.close();
    this.journalReader = undefined;
    this.store = undefined;
  }
}
