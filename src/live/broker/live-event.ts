/**
 * @module The LiveEvent shape every live adapter reports through `onEvent` (see the live-path
 * conventions). Declared here until src/live/observability/live-event.ts lands; the shape is the
 * same, so switching the import changes nothing else.
 */

/** One thing that happened on the live path; fields never carry a token. */
export interface LiveEvent {
  kind: string;
  /** Epoch ms. */
  time: number;
  [field: string]: unknown;
}

/** Receives live events. */
export type LiveEventSink = (e: LiveEvent) => void;
