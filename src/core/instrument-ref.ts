/**
 * @module Instrument references: what a user or a program writes to name an instrument — an
 * instrument uid (a UUID), a FIGI (`BBG004730N88`), a ticker with its class code (`SBER@TQBR`) or a
 * bare ticker (`SBER`). Text is parsed once, at the edge; everything below takes the parsed value,
 * so a reference is never turned back into text to be parsed again.
 */
import { NotFoundError, UsageError } from './errors.ts';

/** A parsed instrument reference. uids are lower-case, FIGIs, tickers and class codes upper-case. */
export type InstrumentRef =
  | { kind: 'uid'; id: string }
  | { kind: 'figi'; id: string }
  | { kind: 'ticker'; ticker: string; classCode?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIGI = /^(BBG|TCS)[0-9A-Z]{9}$/i;
const TICKER = /^[A-Za-z0-9._-]{1,32}$/;

/** The accepted forms, for hints. */
export const INSTRUMENT_REF_FORMS =
  'a ticker (SBER), ticker@class_code (SBER@TQBR), a FIGI or an instrument uid';

/** True when `id` has the shape of an instrument uid (a UUID). */
export function looksLikeUid(id: string): boolean {
  return UUID.test(id);
}

/** True when `id` has the shape of a FIGI (12 characters starting with BBG or TCS). */
export function looksLikeFigi(id: string): boolean {
  return FIGI.test(id);
}

/**
 * Parses one reference.
 * @throws UsageError naming the text and the accepted forms.
 */
export function parseInstrumentRef(text: string): InstrumentRef {
  const s = text.trim();
  if (UUID.test(s)) return { kind: 'uid', id: s.toLowerCase() };
  if (FIGI.test(s)) return { kind: 'figi', id: s.toUpperCase() };
  const [ticker, classCode, extra] = s.split('@');
  const valid =
    extra === undefined &&
    TICKER.test(ticker ?? '') &&
    (classCode === undefined || TICKER.test(classCode));
  if (!valid)
    throw new UsageError(`'${text}' is not an instrument reference`, `use ${INSTRUMENT_REF_FORMS}`);
  return classCode === undefined
    ? { kind: 'ticker', ticker: ticker.toUpperCase() }
    : { kind: 'ticker', ticker: ticker.toUpperCase(), classCode: classCode.toUpperCase() };
}

/**
 * Splits comma-separated reference lists (one string or several) into parsed references.
 * @throws UsageError on an empty item or a malformed reference.
 */
export function parseInstrumentList(text: string | readonly string[]): InstrumentRef[] {
  const items = (typeof text === 'string' ? [text] : text).flatMap((t) => t.split(','));
  if (items.some((i) => i.trim() === ''))
    throw new UsageError(
      'the instrument list has an empty item',
      'list instruments separated by commas, e.g. SBER,GAZP',
    );
  return items.map(parseInstrumentRef);
}

/** The canonical text of a reference (`SBER`, `SBER@TQBR`, the FIGI or the uid), for messages. */
export function formatInstrumentRef(ref: InstrumentRef): string {
  if (ref.kind !== 'ticker') return ref.id;
  return ref.classCode ? `${ref.ticker}@${ref.classCode}` : ref.ticker;
}

/** A venue does not know the instrument a reference names (the CLI adds how to look it up). */
export class UnknownInstrumentError extends NotFoundError {
  constructor(
    readonly ref: InstrumentRef,
    options: { cause?: unknown } = {},
  ) {
    super(
      `unknown instrument ${formatInstrumentRef(ref)}`,
      `check the reference: ${INSTRUMENT_REF_FORMS}`,
      options,
    );
  }
}
