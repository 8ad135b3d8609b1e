/**
 * @module HistoricCandle (GetCandles) and the stream Candle <-> core Candle. Prices are per one unit
 * of the instrument and volume is in lots on both sides, so no scaling happens here.
 */
import type { Candle } from '../../core/candle.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import {
  CandleSource,
  type Candle as StreamCandle,
  type HistoricCandle,
} from '../generated/tinkoff/public/invest/api/contract/v1/marketdata.ts';
import { numberToQuotation, quotationToNumber } from './quotation.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

function requireTime(ms: number | undefined, what: string): number {
  if (ms === undefined) {
    throw new DataIntegrityError(`${what} without a time`, 'the server sent a malformed candle');
  }
  return ms;
}

/** A HistoricCandle as a core Candle (the is_complete flag is the caller's to check). */
export function historicCandleToCore(c: HistoricCandle): Candle {
  return {
    time: requireTime(timestampToMs(c.time), 'historic candle'),
    open: quotationToNumber(c.open),
    high: quotationToNumber(c.high),
    low: quotationToNumber(c.low),
    close: quotationToNumber(c.close),
    volume: c.volume,
  };
}

/** A core Candle as a HistoricCandle (complete unless told otherwise, exchange source). */
export function historicCandleFromCore(c: Candle, isComplete = true): HistoricCandle {
  return {
    open: numberToQuotation(c.open),
    high: numberToQuotation(c.high),
    low: numberToQuotation(c.low),
    close: numberToQuotation(c.close),
    volume: c.volume,
    time: msToTimestamp(c.time),
    isComplete,
    candleSource: CandleSource.CANDLE_SOURCE_EXCHANGE,
    volumeBuy: 0,
    volumeSell: 0,
  };
}

/** A stream Candle as a core Candle. */
export function streamCandleToCore(c: StreamCandle): Candle {
  return {
    time: requireTime(timestampToMs(c.time), 'stream candle'),
    open: quotationToNumber(c.open),
    high: quotationToNumber(c.high),
    low: quotationToNumber(c.low),
    close: quotationToNumber(c.close),
    volume: c.volume,
  };
}
