/** @module The engine's version, recorded in every run fingerprint; bump it when results can change. */

/** Version of the engine's semantics (fill rules, accounting, metrics). */
export const ENGINE_VERSION = '0.1.0';
