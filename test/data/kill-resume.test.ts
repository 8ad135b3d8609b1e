/**
 * A writer SIGKILLed at an arbitrary moment leaves a consistent cache, and rerunning it finishes
 * with exactly the content of an uninterrupted run (per-window transactions for downloads, one
 * transaction per archive for imports).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/store.ts';
import { DAY, makeStreamedArchive } from '../fixtures/synthetic-candles.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'kill-writer.ts');
const DAYS = 400;
/** What kill-writer.ts writes in windows mode. */
const WRITER_UID = '11111111-2222-3333-4444-555555555555';
const WRITER_D0 = Date.UTC(2023, 0, 2);

function runToEnd(args: string[]): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim().split('\n').pop()).toBe('done');
}

/** Starts the writer and SIGKILLs it once `ready(lines)` is true; resolves with how it ended. */
function runAndKill(args: string[], ready: (lines: string[]) => boolean): Promise<{ signal: string | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (ready(text.split('\n').filter(Boolean))) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, lines: text.split('\n').filter(Boolean) }));
  });
}

/** Everything that defines the cache's content (not SQLite's page layout). */
function dump(file: string) {
  const store = openStore(file, { mustExist: true });
  try {
    return {
      chunks: store.db
        .prepare('SELECT uid, interval, chunk_start, day, count, first_time, last_time, checksum, hex(data) AS data FROM candle_chunks ORDER BY uid, interval, chunk_start')
        .all(),
      coverage: store.db.prepare('SELECT * FROM coverage ORDER BY uid, interval, from_time').all(),
      instruments: store.db.prepare('SELECT uid, figi, ticker, source FROM instruments ORDER BY uid').all(),
    };
  } finally {
    store.close();
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGKILL during writes', () => {
  it('per-window writes: consistent after the kill, identical to a clean run after resuming', async () => {
    const clean = path.join(dir, 'clean.sqlite');
    runToEnd([clean, 'windows', String(DAYS)]);
    const killed = path.join(dir, 'killed.sqlite');
    const run = await runAndKill([killed, 'windows', String(DAYS)], (lines) => lines.length >= 60);
    expect(run.signal).toBe('SIGKILL');
    expect(run.lines).not.toContain('done');

    // Consistent: every covered weekday has its full chunk, nothing is stored outside coverage.
    const store = openStore(killed, { mustExist: true });
    const covered = store.coveredRanges(WRITER_UID, '1m');
    expect(covered).toHaveLength(1);
    expect(covered[0].from).toBe(WRITER_D0);
    const coveredDays = (covered[0].to - WRITER_D0) / DAY;
    expect(coveredDays).toBeGreaterThanOrEqual(60);
    expect(coveredDays).toBeLessThan(DAYS);
    const report = store.verify();
    expect(report.ok).toBe(true);
    expect(report.series[0].outsideCoverage).toBe(0);
    const weekdays = Array.from({ length: coveredDays }, (_, d) => new Date(WRITER_D0 + d * DAY).getUTCDay()).filter((w) => w !== 0 && w !== 6).length;
    expect(report.series[0]).toMatchObject({ chunks: weekdays, candles: weekdays * 830 });
    store.close();

    runToEnd([killed, 'windows', String(DAYS)]);
    expect(dump(killed)).toEqual(dump(clean));
  });

  it('archive import: all or nothing after the kill, identical to a clean import after rerunning', async () => {
    const days = Array.from({ length: 200 }, (_, d) => Date.UTC(2024, 0, 1) + d * DAY).filter((t) => new Date(t).getUTCDay() % 6 !== 0);
    const zip = path.join(dir, 'BBG004730N88_2024.zip');
    writeFileSync(zip, makeStreamedArchive('e6123145-9665-43e0-8413-cd61b8aa9b13', days));
    const clean = path.join(dir, 'clean-import.sqlite');
    runToEnd([clean, 'import', zip]);

    const killed = path.join(dir, 'killed-import.sqlite');
    // Kill as soon as the import has started: it is then mid-transaction (or, on a fast machine, done).
    const run = await runAndKill([killed, 'import', zip], (lines) => lines.includes('begin'));
    expect(run.signal).toBe('SIGKILL');
    const after = dump(killed);
    const full = dump(clean);
    expect([0, full.chunks.length]).toContain(after.chunks.length);
    expect(after.coverage.length === 0).toBe(after.chunks.length === 0);

    runToEnd([killed, 'import', zip]);
    expect(dump(killed)).toEqual(full);
  });
});
