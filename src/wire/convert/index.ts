/**
 * @module The one parse/serialize layer between generated protobuf types and core types. The
 * client and the emulator both convert through here, so the two sides cannot drift apart.
 */
export * from './candle.ts';
export * from './decimal.ts';
export * from './instrument.ts';
export * from './interval.ts';
export * from './quotation.ts';
export * from './timestamp.ts';
export * from './nanos.ts';
export * from './orders.ts';
export * from './trading-status.ts';
export * from './market-stream.ts';
export * from './broker-orders.ts';
export * from './instrument-kinds.ts';
export * from './instrument-events.ts';
