/**
 * @module The Broker contract: what the kernel relies on from every broker (the simulated one now,
 * the sandbox and live brokers at a venue later). A harness gives the broker one instrument and a
 * way to move the market one candle on; the suite checks acknowledgements, the typed event
 * sequence of every order, cancellation and the open-order view.
 */
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/core/instrument.ts';
import type { Broker, OrderRequest, OrderUpdate } from '../../src/engine/ports/broker.ts';

/** A broker under test with a market it can be shown. */
export interface BrokerHarness {
  broker: Broker;
  instrument: Instrument;
  /** Moves the market on by one candle whose prices all lie in [low, high]; resolves when the broker has seen it. */
  step(candle: { open: number; high: number; low: number; close: number }): Promise<void>;
  cleanup?(): void | Promise<void>;
}

/** Builds a fresh harness (its market trades near 100, with plenty of cash in the account). */
export type BrokerFactory = () => Promise<BrokerHarness>;

const TERMINAL = new Set(['rejected', 'filled', 'cancelled', 'expired']);

/** Checks one order's events: accepted (or rejected) first, executions add up, one terminal event last. */
export function expectWellFormed(events: readonly OrderUpdate[], lots: number): void {
  expect(events.length).toBeGreaterThan(0);
  const first = events[0].status;
  expect(['accepted', 'rejected']).toContain(first);
  let filled = 0;
  events.forEach((e, k) => {
    if (k > 0) expect(e.status).not.toBe('accepted');
    if (e.status === 'partially-filled' || e.status === 'filled') {
      expect(e.lots).toBeGreaterThan(0);
      expect(e.price).toBeGreaterThan(0);
      expect(e.commission).toBeGreaterThanOrEqual(0);
      filled += e.lots;
      expect(e.filledLots).toBe(filled);
      expect(e.remainingLots).toBe(lots - filled);
    }
    if (TERMINAL.has(e.status)) expect(k).toBe(events.length - 1);
  });
  if (events.at(-1)?.status === 'filled') expect(filled).toBe(lots);
}

/** Runs the Broker contract against one implementation. */
export function describeBrokerContract(name: string, make: BrokerFactory): void {
  async function setup() {
    const h = await make();
    const events = new Map<string, OrderUpdate[]>();
    h.broker.setUpdateListener((u) => {
      const list = events.get(u.orderId) ?? [];
      list.push(u);
      events.set(u.orderId, list);
    });
    const submit = (r: Partial<OrderRequest>) =>
      h.broker.submit({
        instrumentUid: h.instrument.uid,
        side: 'buy',
        lots: 1,
        type: 'market',
        ...r,
      });
    return { h, events, submit, of: (id: string) => events.get(id) ?? [] };
  }

  describe(`Broker contract: ${name}`, () => {
    it('acknowledges a market order and fills it whole once the market moves', async () => {
      const { h, submit, of } = await setup();
      try {
        const ack = submit({ lots: 2 });
        expect(ack.orderId).not.toBe('');
        expect(ack.accepted).toBe(true);
        await h.step({ open: 100, high: 101, low: 99, close: 100.5 });
        await h.step({ open: 100.5, high: 101, low: 100, close: 100 });
        const ev = of(ack.orderId);
        expectWellFormed(ev, 2);
        expect(ev.at(-1)?.status).toBe('filled');
      } finally {
        await h.cleanup?.();
      }
    });

    it('gives every order its own id', async () => {
      const { h, submit } = await setup();
      try {
        const ids = [
          submit({}),
          submit({ side: 'sell' }),
          submit({ type: 'limit', limitPrice: 50 }),
        ];
        expect(new Set(ids.map((a) => a.orderId)).size).toBe(3);
      } finally {
        await h.cleanup?.();
      }
    });

    it('rejects malformed requests with a code and nothing else', async () => {
      const { h, submit, of } = await setup();
      try {
        for (const bad of [{ lots: 0 }, { lots: 1.5 }, { lots: -1 }, { type: 'limit' as const }]) {
          const ack = submit(bad);
          expect(ack.accepted).toBe(false);
          expect(ack.code).toBe('invalid-order');
          expect(of(ack.orderId).map((e) => e.status)).toEqual(['rejected']);
        }
        const unknown = submit({ instrumentUid: 'no-such-instrument' });
        expect(unknown.accepted).toBe(false);
        const ev = of(unknown.orderId);
        expect(ev).toHaveLength(1);
        expect(ev[0]).toMatchObject({ status: 'rejected', code: 'unknown-instrument' });
        expect(h.broker.openOrders()).toEqual([]);
      } finally {
        await h.cleanup?.();
      }
    });

    it('keeps a resting limit order open with its remaining lots until it is cancelled', async () => {
      const { h, submit, of } = await setup();
      try {
        const ack = submit({ type: 'limit', limitPrice: 50, lots: 3, timeInForce: 'gtc' });
        await h.step({ open: 100, high: 101, low: 99, close: 100 });
        const open = h.broker.openOrders();
        expect(open.map((o) => [o.orderId, o.remainingLots])).toEqual([[ack.orderId, 3]]);
        expect(h.broker.openOrders(h.instrument.uid)).toHaveLength(1);
        expect(h.broker.openOrders('no-such-instrument')).toEqual([]);
        expect(h.broker.cancel(ack.orderId)).toBe(true);
        await h.step({ open: 100, high: 101, low: 99, close: 100 });
        expect(of(ack.orderId).map((e) => e.status)).toEqual(['accepted', 'cancelled']);
        expect(h.broker.openOrders()).toEqual([]);
        expect(h.broker.cancel(ack.orderId)).toBe(false);
        expect(h.broker.cancel('no-such-order')).toBe(false);
      } finally {
        await h.cleanup?.();
      }
    });

    it('ends every order of a busy sequence with exactly one terminal event', async () => {
      const { h, submit, of } = await setup();
      try {
        const acks = [
          submit({ lots: 1 }),
          submit({ type: 'limit', limitPrice: 99.5, lots: 2, timeInForce: 'gtc' }),
          submit({ type: 'stop', stopPrice: 100.8, lots: 1 }),
          submit({ side: 'sell', lots: 1 }),
        ];
        for (const c of [
          { open: 100, high: 100.2, low: 99.8, close: 100 },
          { open: 100, high: 101, low: 99, close: 100.5 },
          { open: 100.5, high: 101, low: 99.4, close: 100 },
        ]) {
          await h.step(c);
        }
        for (const a of acks) {
          const ev = of(a.orderId);
          expectWellFormed(ev, a.orderId === acks[1].orderId ? 2 : 1);
          expect(TERMINAL.has(ev.at(-1)?.status as string)).toBe(true);
        }
      } finally {
        await h.cleanup?.();
      }
    });
  });
}
