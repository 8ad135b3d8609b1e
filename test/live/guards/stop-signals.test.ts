/**
 * @module The first stop signal engages the kill switch and asks for a graceful stop; the second
 * asks for an immediate exit; removing the handlers leaves the source with no listener.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../../src/engine/index.ts';
import { KillSwitch } from '../../../src/live/guards/kill-switch.ts';
import { handleStopSignals } from '../../../src/live/guards/stop-signals.ts';

describe('handleStopSignals', () => {
  it('engages the kill switch on the first signal and exits on the second', () => {
    const source = new EventEmitter();
    const kill = new KillSwitch(new ReplayClock(42));
    const calls: string[] = [];
    const remove = handleStopSignals(kill, {
      source,
      graceful: (s) => calls.push(`graceful ${s} engaged=${kill.engaged}`),
      immediate: (s) => calls.push(`immediate ${s}`),
    });
    source.emit('SIGTERM', 'SIGTERM');
    expect(kill.state).toEqual({ engaged: true, reason: 'SIGTERM received', time: 42 });
    source.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['graceful SIGTERM engaged=true', 'immediate SIGINT']);
    remove();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});
