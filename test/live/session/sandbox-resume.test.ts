/**
 * @module A sandbox run killed with SIGKILL mid-way and resumed with `tlab sandbox --resume RUN`,
 * both through the real binary against one emulator in this process (its sandbox host, its trading
 * state in a file this test reads). The venue clock stands still while no process runs (a quick
 * restart), so the resumed run sees the market the killed one would have. The resumed run replays
 * its journal to re-warm the strategy (nothing reaches the venue), reconciles with the venue
 * (orders adopted, positions matched, no difference), and goes on trading: the venue holds exactly
 * one order per accepted decision, and the final position is that of an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { journaledState } from '../../../src/data/journal/run-state.ts';
import { openJournal } from '../../../src/data/journal/open-journal.ts';
import { readLiveEvents } from '../../../src/data/journal/live-events.ts';
import { readRunStatuses } from '../../../src/data/journal/run-market.ts';
import { openStore } from '../../../src/data/index.ts';
import type { Broker, OrderRequest } from '../../../src/engine/ports/broker.ts';
import { ReplayClock, startEmulator, startPacer } from '../../../src/emulator/index.ts';
import { decode } from '../../../src/emulator/trading/codec.ts';
import { DEV_TOKEN, createTinvestClient } from '../../../src/live/index.ts';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { HOUR, MINUTE, START, referenceBacktest, waitForDecisions } from './session-rig.ts';

const SPEED = 90;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-sandbox-resume-'));
const journalFile = path.join(dir, 'runs.sqlite');
const stateFile = path.join(dir, 'venue.sqlite');

/** The venue's orders and books, as its state file holds them. */
function venueState(accountId: string) {
  const db = new Database(stateFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT kind, json FROM venue_records').all() as {
      kind: string;
      json: string;
    }[];
    const orders = rows
      .filter((r) => r.kind === 'order')
      .map((r) => decode<{ requestId: string; accountId: string; lotsExecuted: number }>(r.json))
      .filter((o) => o.accountId === accountId);
    const book = rows
      .filter((r) => r.kind === 'book')
      .map((r) =>
        decode<{ accountId: string; securities: Record<string, { balance: number }> }>(r.json),
      )
      .find((b) => b.accountId === accountId);
    return { orders, book };
  } finally {
    db.close();
  }
}

/** Resolves once every accepted decision of `runId` has its order at the venue, twice in a row. */
async function atVenueTwice(runId: string): Promise<void> {
  let streak = 0;
  for (let k = 0; streak < 2; k++) {
    if (k > 600) throw new Error('the journaled orders never reached the venue');
    await new Promise((r) => setTimeout(r, 100));
    const j = openJournal(journalFile, { mustExist: true });
    const so = j.readSoFar(runId);
    j.close();
    const keys = new Set(venueState(so.meta.accountId!).orders.map((o) => o.requestId));
    const sent = so.decisions.filter((d) => d.ack.accepted).every((d) => keys.has(d.orderId));
    streak = sent ? streak + 1 : 0;
  }
}

const net = (rs: readonly { side: string; lots: number }[]) =>
  rs.reduce((n, r) => n + (r.side === 'buy' ? r.lots : -r.lots), 0);

describe('sandbox run killed and resumed', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays, reconciles and goes on: one venue order per decision, the uninterrupted position', async () => {
    const clock = new ReplayClock(START);
    let pacer = startPacer(clock, { kind: 'replay', speed: SPEED });
    const emu = await startEmulator({ clock, sandboxPort: 0, trading: { stateFile } });
    const env = { ...process.env };
    delete env.TINKOFF_TOKEN_STRING;
    delete env.SANDBOX_TOKEN_STRING;
    const args = [
      ...['--endpoint', emu.sandboxAddress!, '--archive-url', emu.archiveUrl],
      ...['--warmup', '1h', '--db', path.join(dir, 'cache.sqlite'), '--journal', journalFile],
    ];
    try {
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, 'bin/tlab.mjs'),
          'sandbox',
          ...['--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8'],
          ...['--instrument', 'SBER', '--interval', '1m', '--for', '45m', '--cash', '500000'],
          ...args,
        ],
        { stdio: 'ignore', env },
      );
      const exited = new Promise((r) => child.on('exit', r));
      const runId = await waitForDecisions(journalFile, 2);
      // The venue stops (and waits for the restart); the run is killed once every order it
      // journaled has reached the venue, twice in a row (one journaled but never sent would be
      // refused at the restart, which reconcile.test.ts covers).
      pacer.stop();
      await atVenueTwice(runId);
      child.kill('SIGKILL');
      await exited;

      const before = openJournal(journalFile, { mustExist: true });
      const killed = before.readSoFar(runId);
      const killedEvents = readLiveEvents(before, runId);
      // The status its guards checked the orders against is kept for the resumed run's guards.
      const statuses = readRunStatuses(before, runId);
      before.close();
      expect(killed.outcome).toBe('running');
      expect(killed.meta.mode).toBe('sandbox');
      const accountId = killed.meta.accountId!;
      expect(Object.keys(statuses)).toEqual([killed.meta.instruments[0].uid]);
      const lastSeq = killedEvents.at(-1)?.seq ?? -1;

      const resumed = runCli(['sandbox', '--resume', runId, ...args], { timeoutMs: 150_000 });
      // The venue moves on once the resumed run has reconciled with it.
      for (let k = 0; ; k++) {
        const j = openJournal(journalFile, { mustExist: true });
        const done = readLiveEvents(j, runId, lastSeq, { kinds: ['broker-reconciled'] });
        j.close();
        if (done.length > 0) break;
        if (k > 1200) throw new Error('the resumed run never reconciled');
        await new Promise((r) => setTimeout(r, 50));
      }
      pacer = startPacer(clock, { kind: 'replay', speed: SPEED });
      const out = await resumed;
      expect(out.stderr).toContain(`run ${runId} completed`);
      expect(out.code).toBe(0);

      const j = openJournal(journalFile, { mustExist: true });
      const record = j.readRun(runId);
      const after = readLiveEvents(j, runId, lastSeq, { kinds: ['reconcile-diff'] });
      const soFar = j.readSoFar(runId);
      j.close();
      expect(record.outcome).toBe('completed');
      // Nothing of the run's own was out of step at the venue (fills made meanwhile are fine).
      const diffs = after.map((e) => String(e.event.what));
      expect(diffs.filter((d) => d !== 'order-fills-differ')).toEqual([]);
      expect(record.decisions.length).toBeGreaterThan(killed.decisions.length);
      expect(record.decisions.map((d) => d.seq)).toEqual(record.decisions.map((_d, k) => k));
      // The replayed decisions are the killed run's, unchanged.
      expect(record.decisions.slice(0, killed.decisions.length)).toEqual(
        killed.decisions.map((d) =>
          expect.objectContaining({ orderId: d.orderId, request: d.request }),
        ),
      );

      // Each accepted decision is one order at the venue, and the venue has no other.
      const accepted = record.decisions.filter((d) => d.ack.accepted);
      const venue = venueState(accountId);
      expect(venue.orders.map((o) => o.requestId).sort()).toEqual(
        accepted.map((d) => d.orderId).sort(),
      );
      // The venue's position is what the journal's fills say.
      const uid = killed.meta.instruments[0].uid;
      const lot = killed.meta.instruments[0].lot;
      const venueLots = (venue.book?.securities[uid]?.balance ?? 0) / lot;
      expect(venueLots).toBe(journaledState(soFar).lots[uid] ?? 0);
      expect(venueLots).toBe(net(record.fills));

      // The uninterrupted run: the same window backtested over the same candles.
      while (emu.clock.now() < record.to + 5 * MINUTE) await new Promise((r) => setTimeout(r, 20));
      const client = createTinvestClient({ endpoint: emu.grpcAddress, token: DEV_TOKEN });
      const store = openStore(path.join(dir, 'reference.sqlite'));
      try {
        const orders: OrderRequest[] = [];
        const reference = await referenceBacktest(
          { client, store, now: emu.clock.now() },
          {
            strategy: 'sma-cross',
            params: { fast: 3, slow: 8 },
            instruments: killed.meta.instruments,
            warmFrom: record.from - HOUR,
            tradeFrom: record.from,
            to: record.to,
            cash: 500_000,
            fillModel: 'sandbox',
            // The orders the warm-up guard lets through, as the venue should have seen them.
            wrapGuarded: (guarded): Broker => ({
              submit: (r) => {
                const ack = guarded.submit(r);
                if (ack.accepted) orders.push(r);
                return ack;
              },
              cancel: (id) => guarded.cancel(id),
              openOrders: (u) => guarded.openOrders(u),
              setUpdateListener: (l) => guarded.setUpdateListener(l),
              onCandle: (c) => guarded.onCandle(c),
            }),
          },
        );
        expect(reference.fills.length).toBeGreaterThan(2);
        expect(accepted.map((d) => `${d.request.side} ${d.request.lots}`)).toEqual(
          orders.map((r) => `${r.side} ${r.lots}`),
        );
        // Every order filled at the venue (the backtest's on the last candle cannot): same position.
        expect(venueLots).toBe(net(orders));
      } finally {
        store.close();
        await client.close();
      }
    } finally {
      pacer.stop();
      await emu.stop();
    }
  });
});
