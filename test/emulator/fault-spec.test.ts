/** `--fault KEY=VALUE` parsing into FaultOptions. */
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../src/emulator/fault-spec.ts';

describe('parseFaults', () => {
  it('maps every key to its option, lists included; the last repeat wins', () => {
    expect(
      parseFaults([
        'latency-ms=20',
        'unavailable-on-calls=1, 5,9',
        'resource-exhausted-on-calls=2',
        'drop-stream-after=7',
        'stall-stream-after=3',
        'reset-stream-after-ms=1000',
        'drop-stream-after=8',
      ]),
    ).toEqual({
      latencyMs: 20,
      unavailableOnCalls: [1, 5, 9],
      resourceExhaustedOnCalls: [2],
      dropStreamAfter: 8,
      stallStreamAfter: 3,
      resetStreamAfterMs: 1000,
    });
    expect(parseFaults([])).toEqual({});
  });

  it('names the problem and the keys on bad input', () => {
    expect(() => parseFaults(['drop-stream-after'])).toThrow(/missing =VALUE/);
    expect(() => parseFaults(['drop-stream-after=-1'])).toThrow(/not a whole number/);
    expect(() => parseFaults(['nope=1'])).toThrow(/unknown fault 'nope'/);
  });
});
