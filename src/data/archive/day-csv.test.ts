import { describe, expect, it } from 'vitest';
import { DataIntegrityError } from '../../core/errors.ts';
import { parseDayCsv, parseDayFileName } from './day-csv.ts';

const UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const DAY = Date.UTC(2024, 8, 27);
const WHERE = `x.zip: ${UID}_20240927.csv`;

describe('parseDayFileName', () => {
  it('reads the id and the UTC day, also inside folders', () => {
    expect(parseDayFileName(`${UID}_20240927.csv`)).toEqual({ id: UID, day: DAY });
    expect(parseDayFileName(`2024/BBG004730N88_20240927.csv`)).toEqual({ id: 'BBG004730N88', day: DAY });
  });
  it('rejects other names and impossible dates', () => {
    expect(parseDayFileName('readme.txt')).toBeUndefined();
    expect(parseDayFileName(`${UID}_20240231.csv`)).toBeUndefined();
    expect(parseDayFileName(`${UID}_2024093.csv`)).toBeUndefined();
  });
});

describe('parseDayCsv', () => {
  it('reads open;close;high;low in that order, trailing semicolon and all', () => {
    const text = `${UID};2024-09-27T20:33:00Z;268.05;268;268.07;268;1629;\n${UID};2024-09-27T20:34:00Z;268;268.1;268.1;267.9;7;\n`;
    expect(parseDayCsv(text, WHERE, DAY)).toEqual({
      id: UID,
      candles: [
        { time: Date.UTC(2024, 8, 27, 20, 33), open: 268.05, close: 268, high: 268.07, low: 268, volume: 1629 },
        { time: Date.UTC(2024, 8, 27, 20, 34), open: 268, close: 268.1, high: 268.1, low: 267.9, volume: 7 },
      ],
    });
  });

  it('accepts a FIGI in the first column, CRLF line ends and no trailing semicolon', () => {
    const text = 'BBG000B9XRY4;2024-09-27T07:04:00Z;82.9;82.87;83;82.87;20\r\n';
    expect(parseDayCsv(text, WHERE, DAY).id).toBe('BBG000B9XRY4');
  });

  it('keeps off-tick prices (a real quirk) and an empty file', () => {
    expect(parseDayCsv(`${UID};2024-09-27T10:00:00Z;268.875;268.875;268.875;268.875;1;\n`, WHERE, DAY).candles).toHaveLength(1);
    expect(parseDayCsv('', WHERE, DAY)).toEqual({ id: '', candles: [] });
  });

  it.each([
    ['a missing field', `${UID};2024-09-27T10:01:00Z;1;1;1;`, /line 2: expected 7 fields/],
    ['a bad time', `${UID};2024-09-27 10:00:00;1;1;1;1;1;`, /line 2: time '2024-09-27 10:00:00' is not/],
    ['a time on another day', `${UID};2024-09-28T10:00:00Z;1;1;1;1;1;`, /line 2: time .* is not on the file's day 2024-09-27/],
    ['a time out of order', `${UID};2024-09-27T09:00:00Z;1;1;1;1;1;`, /line 2: time .* is not after the previous line's/],
    ['a non-number', `${UID};2024-09-27T10:01:00Z;1;abc;1;1;1;`, /line 2: close 'abc' is not a number/],
    ['an empty number', `${UID};2024-09-27T10:01:00Z;1;1;;1;1;`, /line 2: high '' is not a number/],
    ['a seconds-stamped time', `${UID};2024-09-27T10:01:30Z;1;1;1;1;1;`, /line 2: open time is not on the 1m grid/],
    ['high below close', `${UID};2024-09-27T10:01:00Z;10;12;11;9;1;`, /line 2: OHLC rules broken/],
    ['another instrument', `BBG000000001;2024-09-27T10:01:00Z;1;1;1;1;1;`, /line 2: instrument id BBG000000001 differs/],
  ])('rejects %s, naming file and line', (_, line, pattern) => {
    const text = `${UID};2024-09-27T10:00:00Z;1;1;1;1;1;\n${line}\n`;
    const parse = () => parseDayCsv(text, WHERE, DAY);
    expect(parse).toThrow(DataIntegrityError);
    expect(parse).toThrow(pattern);
    expect(parse).toThrow(`${UID}_20240927.csv line 2`);
  });
});
