/**
 * @module Builds the order side of one emulator: the state store (the `--state` file or memory), the
 * venue over the emulator's clock, tape and instruments, and its stop-order book.
 */
import type { EmulatorContext } from '../context.ts';
import type { TradingOptions } from './options.ts';
import { MemoryStateStore, SqliteStateStore } from './state-store.ts';
import { StopBook } from './stop-book.ts';
import { TradingVenue } from './venue.ts';

/** The venue, its stop book, and how to shut both down. */
export interface OpenTrading {
  venue: TradingVenue;
  stops: StopBook;
  close(): void;
}

export function openTrading(ctx: EmulatorContext, options: TradingOptions): OpenTrading {
  const store = options.stateFile
    ? new SqliteStateStore(options.stateFile)
    : new MemoryStateStore();
  const venue = new TradingVenue({
    store,
    clock: ctx.clock,
    tape: ctx.tape,
    directory: ctx.directory,
    options,
  });
  const stops = new StopBook(venue);
  let closed = false;
  return {
    venue,
    stops,
    close: () => {
      if (closed) return;
      closed = true;
      venue.close();
      store.close();
    },
  };
}
