/**
 * @module Readiness flags for `/readyz`: the session registers each condition a live run needs
 * before it can trade (stream subscribed, broker reconciled, guards armed) and sets it as it
 * changes. Ready means at least one flag is registered and every one is true: a process that has
 * registered nothing has not set up its session yet.
 */

/** Names the session registers (others are allowed). */
export const READINESS = {
  stream: 'stream-subscribed',
  broker: 'broker-reconciled',
  guards: 'guards-armed',
} as const;

/** What `/readyz` answers. */
export interface ReadinessStatus {
  ready: boolean;
  /** Names of the flags still false, in registration order. */
  failing: string[];
}

/** The set of readiness flags of one process. */
export class Readiness {
  private readonly flags = new Map<string, boolean>();

  /** Registers a flag (false until set) and returns its setter. */
  register(name: string, initial = false): (ok: boolean) => void {
    this.flags.set(name, initial);
    return (ok) => this.set(name, ok);
  }

  /** Sets a registered flag; an unknown name is a programming error. */
  set(name: string, ok: boolean): void {
    if (!this.flags.has(name)) throw new Error(`readiness flag ${name} was never registered`);
    this.flags.set(name, ok);
  }

  status(): ReadinessStatus {
    const failing = [...this.flags].filter(([, ok]) => !ok).map(([name]) => name);
    return { ready: this.flags.size > 0 && failing.length === 0, failing };
  }

  /** Every flag with its value. */
  flagsNow(): Record<string, boolean> {
    return Object.fromEntries(this.flags);
  }
}
