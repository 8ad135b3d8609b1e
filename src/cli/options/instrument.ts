/**
 * @module The `--instrument` option, defined once: a list (comma-separated and repeatable) for
 * commands that take several instruments, a single reference for those that take one. Each is
 * parsed once, here, into core InstrumentRefs; nothing below sees the text again.
 */
import { parseInstrumentList, parseInstrumentRef } from '../../core/instrument-ref.ts';
import { parsed, parsedList } from './validate.ts';

/** `--instrument A,B --instrument C`: several references. */
export function instrumentListOption(
  describe = 'Tickers, TICKER@CLASS, FIGIs or uids, comma-separated',
) {
  return {
    instrument: {
      type: 'string',
      array: true,
      demandOption: true,
      requiresArg: true,
      describe,
    },
  } as const;
}

/** `--instrument X`: one reference. */
export function instrumentOption(describe = 'Ticker, TICKER@CLASS, FIGI or uid') {
  return {
    instrument: { type: 'string', demandOption: true, requiresArg: true, describe },
  } as const;
}

/** Schema of {@link instrumentListOption}: parsed references. */
export const instrumentListSchema = parsedList((items) => parseInstrumentList(items));

/** Schema of {@link instrumentOption}: one parsed reference. */
export const instrumentSchema = parsed(parseInstrumentRef);
