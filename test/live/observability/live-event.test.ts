/**
 * @module fanOut delivers every event to every sink in order, skips undefined sinks, and isolates a
 * throwing sink from the others.
 */
import { describe, expect, it } from 'vitest';
import { fanOut, type LiveEvent } from '../../../src/live/observability/live-event.ts';

describe('fanOut', () => {
  it('delivers each event to every sink in order, and survives a throwing sink', () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const sink = fanOut(
      [
        (e) => seen.push(`a:${e.kind}`),
        undefined,
        () => {
          throw new Error('boom');
        },
        (e) => seen.push(`b:${e.kind}@${e.time}`),
      ],
      (err) => errors.push(err),
    );
    const e: LiveEvent = { kind: 'guard-trip', time: 5, guard: 'max-order-value' };
    sink(e);
    sink({ kind: 'kill', time: 6 });
    expect(seen).toEqual(['a:guard-trip', 'b:guard-trip@5', 'a:kill', 'b:kill@6']);
    expect(errors).toHaveLength(2);
  });
});
