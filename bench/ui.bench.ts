/**
 * @module Does watching a run slow it? A live-like writer journals candles with a decision and a
 * fill on every one (the journal writes a paper run makes, each its own WAL commit) while, in the
 * middle phase, `tlab ui`'s server follows the same journal from another process with a live page
 * subscribed (bench/ui-watcher.ts). p50 and p99 of one candle's journal writes, without the
 * dashboard, with it, and without it again (the two baselines bound the machine's noise), and the
 * ratio of the watched p50 and p99 to the first baseline's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openJournal } from '../src/data/journal/open-journal.ts';
import type { SqliteRunJournal } from '../src/data/journal/sqlite-journal.ts';
import type { OrderRequest } from '../src/engine/ports/broker.ts';
import type { BenchResult } from './types.ts';

const CANDLES = 1500;
const T0 = Date.UTC(2024, 9, 2, 8);
const here = path.dirname(fileURLToPath(import.meta.url));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Journals CANDLES candles with a decision and a fill each; the ms each candle's writes took. */
async function phase(j: SqliteRunJournal, runId: string, from: number): Promise<number[]> {
  const ms: number[] = [];
  const uid = 'uid-sber';
  for (let k = 0; k < CANDLES; k++) {
    const n = from + k;
    const time = T0 + n * 60_000;
    const request: OrderRequest = {
      instrumentUid: uid,
      side: n % 2 ? 'sell' : 'buy',
      lots: 1,
      type: 'market',
    };
    const t = performance.now();
    j.recordCandle(
      runId,
      { instrumentUid: uid, interval: '1m' },
      { time, open: 250, high: 251, low: 249, close: 250, volume: 10 },
    );
    j.recordDecision(runId, {
      seq: n,
      time,
      orderId: `o${n}`,
      request,
      ack: { accepted: true, pending: true },
      at: n,
    });
    j.recordEvent(runId, {
      seq: n,
      update: {
        status: 'filled',
        orderId: `o${n}`,
        request,
        time,
        price: 250,
        lots: 1,
        commission: 0.1,
        filledLots: 1,
        remainingLots: 0,
      },
      phase: 'hook',
      at: n,
    });
    ms.push(performance.now() - t);
    // A live run waits for its next candle; give the event loop (and the other process) a turn.
    await new Promise((r) => setTimeout(r, 1));
  }
  return ms;
}

async function watcher(file: string, runId: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'ui-watcher.ts'), file, runId],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (out.includes('ready')) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  return {
    async stop(): Promise<number> {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      return Number(/messages (\d+)/.exec(out)?.[1] ?? 0);
    },
  };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-ui-bench-'));
  const file = path.join(dir, 'runs.sqlite');
  const j = openJournal(file);
  try {
    const runId = j.startRun({
      mode: 'paper',
      strategy: 'bench',
      strategySourceHash: '-',
      params: {},
      models: {},
      instruments: [],
      intervals: ['1m'],
      from: T0,
      to: Infinity,
      startingCash: 1e6,
      startedAt: Date.now(),
    });
    const before = await phase(j, runId, 0);
    const w = await watcher(file, runId);
    const watched = await phase(j, runId, CANDLES);
    const messages = await w.stop();
    const after = await phase(j, runId, 2 * CANDLES);
    const row = (name: string, xs: number[]) => ({
      p50Ms: quantile(xs, 0.5),
      p99Ms: quantile(xs, 0.99),
      name,
    });
    const base = row('', before);
    const seen = row('', watched);
    return [
      {
        name: 'ui: journal writes per candle, dashboard watching vs not',
        candles: CANDLES,
        baselineP50Ms: base.p50Ms,
        baselineP99Ms: base.p99Ms,
        watchedP50Ms: seen.p50Ms,
        watchedP99Ms: seen.p99Ms,
        afterP50Ms: quantile(after, 0.5),
        afterP99Ms: quantile(after, 0.99),
        ratioP50: seen.p50Ms / base.p50Ms,
        ratioP99: seen.p99Ms / base.p99Ms,
        dashboardMessages: messages,
      },
    ];
  } finally {
    j.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
