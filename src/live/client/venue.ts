/**
 * @module What the server says it is: our emulator names itself in an `x-tlab-venue` response
 * header (`emulator:synthetic seed 1`, `emulator:data FILE`) on every answer; the real API sends
 * no such header. The client keeps what it saw so a downloader can label the candles it stores.
 */
import type { ResponseMeta } from './response-meta.ts';

/**
 * The venue seen in responses: a label once any answer named one, `null` once answers came that
 * name none (the real API), `undefined` before any answer.
 */
export type SeenVenue = string | null | undefined;

/** Collects the venue header from every response the client reads. */
export class VenueObserver {
  private seen: SeenVenue;

  /** Records one response's metadata. A label, once seen, is kept. */
  observe(meta: Pick<ResponseMeta, 'venue'>): void {
    if (meta.venue) this.seen = meta.venue;
    else if (this.seen === undefined) this.seen = null;
  }

  /** What the responses so far said. */
  get(): SeenVenue {
    return this.seen;
  }
}
