/**
 * `tlab data import/ls/verify/export` as a user runs them: spawned `node bin/tlab.mjs` against a
 * temporary cache, checking outputs, exit codes, and one-line errors without stack traces.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import yargs from 'yargs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataCommand } from '../../src/cli/commands/data.ts';
import { TlabError } from '../../src/core/errors.ts';
import { DAY, makeArchive, syntheticDay } from '../fixtures/synthetic-candles.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const D = (d: number) => Date.UTC(2024, 0, 2) + d * DAY;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tlab(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/tlab.mjs'), ...args], {
      cwd: dir,
      env: { ...process.env, TLAB_DB: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A failure as the house rules want it: non-zero exit, one line on stderr, no stack trace. */
function expectOneLineError(run: Run, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^tlab: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).toMatch(pattern);
}

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-cli-'));
  db = path.join(dir, 'cache.sqlite');
  writeFileSync(path.join(dir, 'BBG004730N88_2024.zip'), makeArchive(UID, [D(0), D(1), D(6)]));
  const run = await tlab(['data', 'import', path.join(dir, 'BBG004730N88_2024.zip'), '--db', db]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain('imported BBG004730N88_2024.zip: BBG004730N88 1m, 3 days, 2,490 candles, covered 2024-01-02..2024-01-09');
  expect(run.stdout).toContain(`${UID} was not in the cache: stored a minimal instrument row`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tlab data', () => {
  it('ls shows the series as a table and as JSON (cache from TLAB_DB)', async () => {
    const [text, json] = await Promise.all([tlab(['data', 'ls', '--db', db]), tlab(['data', 'ls', '--json'], { TLAB_DB: db })]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[1]).toEqual(
      expect.stringMatching(
        /^BBG004730N88 {2}1m {8}2,490 {4}2024-01-02T07:00:00Z {2}2024-01-08T20:49:00Z {2}2024-01-02\.\.2024-01-09 {2}- {8}\d+\/\d+\/0 +archive:BBG004730N88_2024\.zip \(fetched \d{4}-\d\d-\d\d\)$/,
      ),
    );
    const parsed = JSON.parse(json.stdout);
    expect(parsed.db).toBe(db);
    // Every minute of the 7 covered days is a candle or an empty slot of exactly one class.
    const { closed, noTrades } = parsed.series[0].gaps;
    expect(closed.candles + noTrades.candles + 2490).toBe(7 * 1440);
    expect(parsed.series).toEqual([
      {
        instrument: 'BBG004730N88', uid: UID, figi: 'BBG004730N88', specSource: 'archive', interval: '1m',
        candles: 2490, chunks: 3, first: '2024-01-02T07:00:00Z', last: '2024-01-08T20:49:00Z',
        covered: [{ from: '2024-01-02T00:00:00Z', to: '2024-01-09T00:00:00Z' }], missing: [],
        gaps: expect.objectContaining({ missingData: { gaps: 0, candles: 0 }, standardScheduleDays: 7 }),
        sources: [{ source: 'archive:BBG004730N88_2024.zip', firstFetched: expect.any(String), lastFetched: expect.any(String) }],
      },
    ]);
  });

  it('export writes CSV to stdout and JSON atomically to --out', async () => {
    const out = path.join(dir, 'out.json');
    const [csv, json] = await Promise.all([
      tlab(['data', 'export', '--db', db, '--instrument', 'bbg004730n88', '--interval', '1m', '--from', '2024-01-03', '--to', '2024-01-03T07:03']),
      tlab(['data', 'export', '--db', db, '--instrument', UID, '--interval', '1m', '--format', 'json', '--out', out]),
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    const expected = syntheticDay(D(1)).slice(0, 3);
    expect(csv.stdout).toBe(
      ['time,open,high,low,close,volume', ...expected.map((c) => `${new Date(c.time).toISOString().slice(0, 19)}Z,${c.open},${c.high},${c.low},${c.close},${c.volume}`)].join('\n') + '\n',
    );
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toBe('');
    const rows = JSON.parse(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(2490);
    expect(rows[0]).toEqual({ time: '2024-01-02T07:00:00Z', ...pick(syntheticDay(D(0))[0]) });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('verify passes a clean cache and fails, in one line, on a damaged chunk', async () => {
    const ok = await tlab(['data', 'verify', '--db', db]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('BBG004730N88 1m: 2,490 candles in 3 chunks; ok; tick grid not checked');
    expect(ok.stdout).toContain('verify: 1 series, 0 problems');
    const broken = path.join(dir, 'broken.sqlite');
    copyFileSync(db, broken);
    const raw = new Database(broken);
    const blob = raw.prepare("SELECT data FROM candle_chunks WHERE day = '2024-01-03'").pluck().get() as Buffer;
    blob.fill(0, 16, 24); // zero the second candle's time
    raw.prepare("UPDATE candle_chunks SET data = ? WHERE day = '2024-01-03'").run(blob);
    raw.close();
    const bad = await tlab(['data', 'verify', '--db', broken]);
    expect(bad.stdout).toContain('chunk 2024-01-03: checksum mismatch');
    expectOneLineError(bad, 1, /has \d+ integrity problems/);
  });

  it('answers bad input with one line, the right exit code and no stack', async () => {
    const damaged = path.join(dir, 'BBG004730RP0_2024.zip');
    const whole = makeArchive('962e2a95-02a9-4171-abd7-aa198dbe643a', [D(0), D(1)]);
    writeFileSync(damaged, whole.subarray(0, whole.length - 100));
    const foreign = path.join(dir, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)');
    const cases: [string[], number, RegExp][] = [
      [['data', 'export', '--db', db, '--instrument', 'SBER', '--interval', '1m'], 1, /instrument 'SBER' is not in the cache/],
      [['data', 'export', '--db', db, '--instrument', UID, '--interval', '7m'], 2, /--interval '7m' is not an interval: use one of 1m/],
      [['data', 'export', '--db', db, '--instrument', UID, '--interval', '1m', '--from', '2024-02-01', '--to', '2024-01-01'], 2, /is not before --to/],
      [['data', 'ls', '--db', path.join(dir, 'nope.sqlite')], 1, /no candle cache at .*nope\.sqlite: run tlab download or tlab data import first, or point --db/],
      [['data', 'verify', '--db', foreign], 1, /foreign\.sqlite is an SQLite database but not a tlab cache: point --db at a new file or an existing tlab cache/],
      [['data', 'import', damaged, '--db', path.join(dir, 'new.sqlite')], 1, /BBG004730RP0_2024\.zip: .*nothing from it was imported/],
    ];
    const runs = await Promise.all(cases.map(([args]) => tlab(args)));
    runs.forEach((run, i) => expectOneLineError(run, cases[i][1], cases[i][2]));
    expect(existsSync(path.join(dir, 'nope.sqlite'))).toBe(false);
    // A failed import into a new file leaves no empty cache behind.
    expect(existsSync(path.join(dir, 'new.sqlite'))).toBe(false);
  });
});

describe('tlab data handlers in-process (cheaper than a spawn per case)', () => {
  /** Runs the `data` command tree through yargs in this process and returns what it threw. */
  async function thrown(args: string[]): Promise<unknown> {
    const parser = yargs(args)
      .command(dataCommand)
      .strict()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new Error(msg);
      });
    try {
      await parser.parseAsync();
      return undefined;
    } catch (err) {
      return err;
    }
  }

  it.each([
    [['--format', 'xml'], 2, "--format 'xml' is not supported: use one of csv, json"],
    [['--interval', '1h'], 1, 'the cache has no 1h candles of'],
    [['--out', 'no/such/folder/x.csv'], 2, 'its folder does not exist'],
  ])('export %j → exit %i', async (extra, code, text) => {
    const interval = extra[0] === '--interval' ? [] : ['--interval', '1m'];
    const err = await thrown(['data', 'export', '--db', db, '--instrument', UID, ...interval, ...extra]);
    expect(err).toBeInstanceOf(TlabError);
    expect((err as TlabError).exitCode).toBe(code);
    expect((err as TlabError).oneLine()).toContain(text);
    expect((err as TlabError).oneLine()).not.toContain('\n');
  });

  it('import of a missing path or an empty folder names the path', async () => {
    const missing = await thrown(['data', 'import', path.join(dir, 'missing.zip'), '--db', db]);
    expect((missing as TlabError).oneLine()).toMatch(/no such file or folder: .*missing\.zip/);
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const none = await thrown(['data', 'import', empty, '--db', db]);
    expect(none).toBeInstanceOf(TlabError);
    expect((none as TlabError).exitCode).toBe(2);
    expect((none as TlabError).oneLine()).toContain('no .zip files in');
  });
});

function pick(c: { open: number; high: number; low: number; close: number; volume: number }) {
  return { open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
}
