/**
 * @module Public surface of the live broker: TinvestBroker and what its options and results name.
 */
export { TinvestBroker, type TinvestBrokerOptions } from './tinvest-broker.ts';
export { randomOrderIds, seededOrderIds, type OrderIdSource } from './order-ids.ts';
export type { PlacementPolicy } from './order-placement.ts';
export type { TradesWatcherOptions } from './trades-watcher.ts';
export type { ExpectedOrder, ExpectedState, ReconcileDiff, ReconcileReport } from './reconcile.ts';
export type { LiveEvent, LiveEventSink } from './live-event.ts';
