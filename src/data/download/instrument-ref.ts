/**
 * @module Reading what a user typed to name an instrument: a ticker (`SBER`), a ticker with class
 * code (`SBER@TQBR`), a FIGI (`BBG004730N88`) or an instrument uid (a UUID).
 */
import { UsageError } from '../../core/errors.ts';

/** A parsed instrument reference. */
export type InstrumentRef =
  | { kind: 'uid'; id: string }
  | { kind: 'figi'; id: string }
  | { kind: 'ticker'; ticker: string; classCode?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIGI = /^(BBG|TCS)[0-9A-Z]{9}$/;
const TICKER = /^[A-Za-z0-9._-]{1,32}$/;

/** Parses one reference; throws a UsageError that shows the accepted forms. */
export function parseInstrumentRef(text: string): InstrumentRef {
  const s = text.trim();
  if (UUID.test(s)) return { kind: 'uid', id: s.toLowerCase() };
  if (FIGI.test(s)) return { kind: 'figi', id: s };
  const [ticker, classCode, extra] = s.split('@');
  if (extra === undefined && TICKER.test(ticker ?? '') && (classCode === undefined || TICKER.test(classCode))) {
    return classCode === undefined
      ? { kind: 'ticker', ticker: ticker.toUpperCase() }
      : { kind: 'ticker', ticker: ticker.toUpperCase(), classCode: classCode.toUpperCase() };
  }
  throw new UsageError(
    `'${text}' is not an instrument reference`,
    'use a ticker (SBER), ticker@class_code (SBER@TQBR), a FIGI or an instrument uid',
  );
}

/** Splits a comma-separated `--instrument` value into references (empty items rejected). */
export function parseInstrumentList(text: string | string[]): InstrumentRef[] {
  const items = (Array.isArray(text) ? text : [text]).flatMap((t) => t.split(','));
  if (items.some((i) => i.trim() === '')) {
    throw new UsageError('--instrument has an empty item', 'list instruments separated by commas, e.g. SBER,GAZP');
  }
  return items.map(parseInstrumentRef);
}
