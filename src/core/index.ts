/** @module Public surface of src/core: value types and pure helpers. */
export * from './candle.ts';
export * from './data-source.ts';
export * from './errors.ts';
export * from './instrument.ts';
export * from './instrument-economics.ts';
export * from './instrument-ref.ts';
export * from './interval.ts';
export * from './random.ts';
export * from './time.ts';
export * from './aggregate.ts';
