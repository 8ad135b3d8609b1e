/**
 * @module The kill switch: one object a signal handler, an operator command or a guard can engage.
 * Once engaged it stays engaged for the rest of the process (a restart is a deliberate act), every
 * GuardedBroker attached to it refuses new orders and cancels its open ones, and its state is
 * readable so the session can report why it stopped.
 */
import type { Clock } from '../../engine/ports/clock.ts';
import type { LiveEventSink } from '../observability/live-event.ts';

/** What the kill switch reports once engaged. */
export interface KillState {
  readonly engaged: boolean;
  readonly reason?: string;
  /** When it was engaged (epoch ms, from the clock). */
  readonly time?: number;
}

/** Stops all trading through the brokers attached to it. */
export class KillSwitch {
  private current: KillState = { engaged: false };
  private readonly listeners: ((s: KillState) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onEvent?: LiveEventSink,
  ) {}

  /** Whether, why and when it was engaged. */
  get state(): KillState {
    return this.current;
  }

  get engaged(): boolean {
    return this.current.engaged;
  }

  /**
   * Engages the switch: listeners (attached brokers) cancel their open orders and refuse new ones.
   * A second call keeps the first reason and does nothing else; returns true the first time.
   */
  engage(reason: string): boolean {
    if (this.current.engaged) return false;
    const time = this.clock.now();
    this.current = { engaged: true, reason, time };
    this.onEvent?.({ kind: 'kill', time, reason });
    for (const l of this.listeners) l(this.current);
    return true;
  }

  /** Calls `listener` once when the switch is engaged (at once when it already is). */
  onEngage(listener: (s: KillState) => void): void {
    this.listeners.push(listener);
    if (this.current.engaged) listener(this.current);
  }
}
