/**
 * @module Child process for the SIGKILL test: starts a run in the journal at argv[2] and writes
 * candles, decisions and events in a loop, printing `ack <k>` after each group's last write
 * returned, until it is killed. Prints `run <id>` first.
 */
import { openJournal } from '../../../src/data/journal/index.ts';
import { SBER, T0, M, meta } from './journal-fixture.ts';

const j = openJournal(process.argv[2]);
const id = j.startRun(meta());
process.stdout.write(`run ${id}\n`);
const key = { instrumentUid: SBER.uid, interval: '1m' } as const;
const request = { instrumentUid: SBER.uid, side: 'buy', lots: 1, type: 'market' } as const;
for (let k = 0; k < 100_000; k++) {
  const time = T0 + k * M;
  j.recordCandle(id, key, { time, open: 100 + k / 100, high: 101, low: 99, close: 100, volume: k });
  j.recordDecision(id, { seq: k, time, orderId: `o-${k}`, request, ack: { accepted: true, pending: true }, at: k + 1 });
  j.recordEvent(id, { seq: k, update: { orderId: `o-${k}`, status: 'accepted', request, time }, phase: 'outside', at: k + 1 });
  process.stdout.write(`ack ${k}\n`);
}
