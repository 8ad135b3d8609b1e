/**
 * @module LiveCounters: counts built from a known sequence of events and two clients' statistics,
 * the plain snapshot the journal stores, and the summary table printed at exit.
 */
import { describe, expect, it } from 'vitest';
import { LiveCounters, summaryTable } from '../../../src/live/observability/counters.ts';

describe('LiveCounters', () => {
  it('adds the events and the clients into one snapshot and prints it as a table', () => {
    const c = new LiveCounters()
      .addClient(() => ({ calls: 10, retries: 2, rateLimited: 1, attempts: 12 }) as never)
      .addClient(() => ({ calls: 5, retries: 0, rateLimited: 0 }));
    const kinds: [string, Record<string, unknown>?][] = [
      ['stream-connected'],
      ['stream-dead'],
      ['stream-reconnect'],
      ['stream-reconnect'],
      ['rate-limit-wait'],
      ['call-retry'],
      ['order-retry'],
      ['order-sent'],
      ['order-sent'],
      ['order-update', { status: 'accepted' }],
      ['order-update', { status: 'partially-filled' }],
      ['order-update', { status: 'filled' }],
      ['order-update', { status: 'rejected' }],
      ['guard-trip', { guard: 'max-position', orderId: 'risk-1' }],
      ['guard-trip', { guard: 'max-daily-loss', loss: 100 }],
      ['kill', { reason: 'SIGINT' }],
    ];
    kinds.forEach(([kind, f], k) => c.sink({ kind, time: k, ...f }));
    const s = c.snapshot();
    expect(s).toEqual({
      calls: 15,
      retries: 4,
      reconnects: 2,
      rateLimitWaits: 2,
      rejectedOrders: 2,
      guardTrips: 2,
      fills: 2,
      ordersSent: 2,
      streamDeaths: 1,
      kills: 1,
      events: {
        'call-retry': 1,
        'guard-trip': 2,
        kill: 1,
        'order-retry': 1,
        'order-sent': 2,
        'order-update': 4,
        'rate-limit-wait': 1,
        'stream-connected': 1,
        'stream-dead': 1,
        'stream-reconnect': 2,
      },
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(summaryTable(s)).toBe(
      [
        'counter           count',
        'calls                15',
        'retries               4',
        'reconnects            2',
        'rate-limit waits      2',
        'orders sent           2',
        'fills                 2',
        'rejected orders       2',
        'guard trips           2',
        'dead streams          1',
        'kill switch           1',
      ].join('\n'),
    );
  });
});
