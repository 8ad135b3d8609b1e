/**
 * A process SIGKILLed while journaling in a loop leaves a readable journal holding every entry it
 * acknowledged (printed after the write returned), in order, with no gap; the run reads as
 * `running` and can be resumed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/data/journal/index.ts';
import { tempDir } from './journal-fixture.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'journal-kill-writer.ts');

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('tlab-journal-kill-');
});
afterAll(() => tmp.remove());

function runAndKill(file: string, acks: number): Promise<{ signal: string | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!killed && text.split('\n').filter((l) => l.startsWith('ack ')).length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, lines: text.split('\n').filter(Boolean) }));
  });
}

describe('run journal under SIGKILL', () => {
  it('keeps every acknowledged entry, in order, and the run reads back and resumes', async () => {
    const file = path.join(tmp.dir, 'runs.sqlite');
    const run = await runAndKill(file, 40);
    expect(run.signal).toBe('SIGKILL');
    const runId = (run.lines[0] ?? '').replace(/^run /, '');
    const acked = run.lines.filter((l) => l.startsWith('ack ')).length;
    expect(acked).toBeGreaterThanOrEqual(40);

    const j = openJournal(file, { mustExist: true });
    const so = j.readSoFar(runId);
    expect(so.outcome).toBe('running');
    // Everything acknowledged is there; at most the group in flight when the kill came is extra.
    expect(so.decisions.length).toBeGreaterThanOrEqual(acked);
    expect(so.decisions.length).toBeLessThanOrEqual(acked + 1);
    expect(so.decisions.map((d) => d.seq)).toEqual(so.decisions.map((_, k) => k));
    expect(so.events.map((e) => e.update.orderId)).toEqual(so.events.map((_, k) => `o-${k}`));
    expect(so.events.length).toBeGreaterThanOrEqual(acked);
    expect(so.candleCount).toBeGreaterThanOrEqual(acked);
    expect(so.candleCount).toBeGreaterThanOrEqual(so.decisions.length);
    expect(j.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rec = j.resumeRun(runId);
    expect(rec.decisions).toHaveLength(so.decisions.length);
    j.close();
  }, 60_000);
});
