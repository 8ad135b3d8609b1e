/**
 * @module LiveEvent, the one shape every live adapter (feed, broker, guards, client) reports what
 * happens through, so logging, counters, metrics and the journal consume a single stream instead of
 * one callback type per adapter. Fields never carry a token.
 */

/**
 * Something that happened on the live path. `kind` names it (`stream-connected`, `stream-dead`,
 * `stream-reconnect`, `stream-backfill`, `subscription-rejected`, `rate-limit-wait`, `call-retry`,
 * `order-sent`, `order-retry`, `order-duplicate-resolved`, `order-update`, `orders-stream-down`,
 * `order-poll`, `reconcile-diff`, `guard-trip`, `kill`); `time` is epoch ms UTC from the run's
 * clock; any further fields are kind-specific and JSON-serialisable.
 */
export interface LiveEvent {
  kind: string;
  time: number;
  [field: string]: unknown;
}

/** A consumer of live events; it must not throw (a throwing sink is isolated by `fanOut`). */
export type LiveEventSink = (e: LiveEvent) => void;

/**
 * One sink that delivers each event to every given sink in order. Undefined entries are skipped so
 * optional sinks can be passed straight through; a sink that throws does not stop the others (an
 * observer must never break trading), and its error goes to `onSinkError` when given.
 */
export function fanOut(
  sinks: readonly (LiveEventSink | undefined)[],
  onSinkError?: (error: unknown, e: LiveEvent) => void,
): LiveEventSink {
  const list = sinks.filter((s): s is LiveEventSink => s !== undefined);
  return (e) => {
    for (const sink of list) {
      try {
        sink(e);
      } catch (error) {
        onSinkError?.(error, e);
      }
    }
  };
}
