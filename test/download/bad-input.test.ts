/**
 * Every bad input of the download issue, through the real CLI (a child process) against emulators
 * in this process: a non-zero exit, exactly one `tlab:` line on stderr naming the problem and the
 * fix, no stack trace, no secret echoed, and nothing written (an existing cache keeps its exact
 * content; a cache that did not exist is not created by a command rejected before any work).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import {
  startEmulator,
  SyntheticMarket,
  type MarketSource,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import {
  cacheContent,
  download,
  emuEnv,
  expectOneLineError,
  fastClient,
  runCli,
  type CliResult,
} from './helpers.ts';

const NOW = Date.UTC(2025, 1, 14, 12);
const GOOD = 'good-t0ken-4-tests';
const BAD = 'rejected-t0ken-must-not-print';
const SANDBOX = 'sandbox-t0ken-must-not-print';
const market = new SyntheticMarket(1);
const SBER = market.instruments().find((i) => i.ticker === 'SBER')!;
/** A minute of SBER on Wednesday 2025-01-15 whose candle the quirky market breaks (high < low). */
const BROKEN_AT = market.minuteCandles(SBER.uid, Date.UTC(2025, 0, 15), Date.UTC(2025, 0, 16))[100]
  .time;

/** The synthetic market with one SBER candle that breaks OHLC rules. */
const quirkyMarket: MarketSource = {
  instruments: () => market.instruments(),
  minuteCandles: (uid, from, to) =>
    market
      .minuteCandles(uid, from, to)
      .map((c) => (uid === SBER.uid && c.time === BROKEN_AT ? { ...c, high: c.low - 1 } : c)),
};

let dir: string;
let seedDb: string;
let seed: ReturnType<typeof cacheContent>;
let emu: RunningEmulator;
let quirky: RunningEmulator;
let proxy: Server;
let truncatedZip: string;

/** Serves the target emulator's archives cut in half, like a download that broke off. */
async function truncatingProxy(target: RunningEmulator): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target.archiveUrl);
    const upstream = new URL(target.archiveUrl);
    upstream.search = url.search;
    fetch(upstream, { headers: { authorization: req.headers.authorization ?? '' } })
      .then(async (r) => {
        const bytes = new Uint8Array(await r.arrayBuffer());
        res.writeHead(r.status, { 'content-type': 'application/zip' });
        res.end(r.ok ? bytes.subarray(0, bytes.length >> 1) : bytes);
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-dl-bad-'));
  emu = await startEmulator({ now: () => NOW, tokens: [GOOD] });
  quirky = await startEmulator({ now: () => NOW, source: quirkyMarket });
  proxy = await truncatingProxy(emu);

  // A cache with something in it: the commands below must leave it exactly as it is.
  seedDb = path.join(dir, 'seed.sqlite');
  const store = openStore(seedDb);
  const client = fastClient(emu, { token: GOOD });
  try {
    await download(client, store, {
      instruments: 'SBER',
      intervals: ['1h'],
      range: { from: Date.UTC(2025, 0, 6), to: Date.UTC(2025, 0, 11) },
      source: 'candles',
      now: NOW,
    });
    seed = cacheContent(store);
  } finally {
    store.close();
    await client.close();
  }

  // A real archive from the server, truncated mid-file.
  const res = await fetch(`${emu.archiveUrl}?instrumentId=${SBER.uid}&year=2025`, {
    headers: { authorization: `Bearer ${GOOD}` },
  });
  const zip = new Uint8Array(await res.arrayBuffer());
  expect(zip.length).toBeGreaterThan(10_000);
  truncatedZip = path.join(dir, `${SBER.figi}_2025.zip`);
  writeFileSync(truncatedZip, zip.subarray(0, zip.length >> 1));
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await emu?.stop();
  await quirky?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let cases = 0;
/** A copy of the seeded cache for one command. */
function seededCopy(): string {
  const file = path.join(dir, `case-${++cases}.sqlite`);
  copyFileSync(seedDb, file);
  return file;
}
/** A cache path that does not exist yet. */
function freshPath(): string {
  return path.join(dir, `fresh-${++cases}.sqlite`);
}

/** The seeded copy still holds exactly what the seed held. */
function expectUnchanged(file: string): void {
  const store = openStore(file, { mustExist: true });
  try {
    expect(cacheContent(store)).toEqual(seed);
  } finally {
    store.close();
  }
}

/** `tlab download` of 1h candles (unless overridden) into `db`, from 2025-01-06 to 2025-01-20. */
const dl = (
  db: string,
  instrument: string,
  over: { from?: string; to?: string; interval?: string } = {},
) => [
  'download',
  '--db',
  db,
  '--instrument',
  instrument,
  '--interval',
  over.interval ?? '1h',
  '--from',
  over.from ?? '2025-01-06',
  '--to',
  over.to ?? '2025-01-20',
];

function expectQuiet(r: CliResult, ...secrets: string[]): void {
  for (const s of secrets) expect(`${r.stdout}${r.stderr}`).not.toContain(s);
  expect(r.stdout).toBe('');
}

describe.concurrent('tlab download refuses bad input cleanly', () => {
  it('unknown instrument', async () => {
    const db = seededCopy();
    const r = await runCli(dl(db, 'NOPE'), emuEnv(emu, { TINKOFF_TOKEN_STRING: GOOD }));
    expectOneLineError(r, 1, /unknown instrument NOPE.*tlab instruments find NOPE/);
    expectUnchanged(db);
  });

  it('bad interval', async () => {
    const db = freshPath();
    const r = await runCli(
      dl(db, 'SBER', { interval: '7m' }),
      emuEnv(emu, { TINKOFF_TOKEN_STRING: GOOD }),
    );
    expectOneLineError(r, 2, /--interval '7m' is not an interval.*use one of 1m, 2m/);
    expect(existsSync(db)).toBe(false);
  });

  it('--from after --to', async () => {
    const db = freshPath();
    const r = await runCli(
      dl(db, 'SBER', { from: '2025-01-25' }),
      emuEnv(emu, { TINKOFF_TOKEN_STRING: GOOD }),
    );
    expectOneLineError(r, 2, /--from 2025-01-25 is not before --to 2025-01-20.*swap them/);
    expect(existsSync(db)).toBe(false);
  });

  it('a single-valued option given twice', async () => {
    const db = freshPath();
    const r = await runCli(
      [...dl(db, 'SBER'), '--from', '2025-01-08'],
      emuEnv(emu, { TINKOFF_TOKEN_STRING: GOOD }),
    );
    expectOneLineError(r, 2, /^tlab: --from is given more than once: give --from once$/);
    expect(existsSync(db)).toBe(false);
  });

  it('a start date in the future', async () => {
    const db = freshPath();
    const r = await runCli(
      ['download', '--db', db, '--instrument', 'SBER', '--from', '2999-01-01'],
      emuEnv(emu, { TINKOFF_TOKEN_STRING: GOOD }),
    );
    expectOneLineError(r, 2, /--from 2999-01-01 is in the future/);
    expect(existsSync(db)).toBe(false);
  });

  it('no token for a non-loopback endpoint: fails before any network use', async () => {
    const db = freshPath();
    const r = await runCli(dl(db, 'SBER'), {
      TINVEST_ENDPOINT: 'invest-public-api.tinkoff.ru:443',
    });
    expectOneLineError(
      r,
      2,
      /no API token for invest-public-api\.tinkoff\.ru:443.*TINKOFF_TOKEN_STRING/,
    );
    expect(existsSync(db)).toBe(false);
  });

  it('a token the server rejects, which is never echoed', async () => {
    const db = seededCopy();
    const r = await runCli(dl(db, 'GAZP'), emuEnv(emu, { TINKOFF_TOKEN_STRING: BAD }));
    expectOneLineError(r, 1, /UNAUTHENTICATED.*set TINKOFF_TOKEN_STRING to a valid token/);
    expectQuiet(r, BAD);
    expectUnchanged(db);
    // Into a cache that did not exist yet: the failed run leaves no empty file behind.
    const fresh = freshPath();
    const again = await runCli(dl(fresh, 'GAZP'), emuEnv(emu, { TINKOFF_TOKEN_STRING: BAD }));
    expect(again.code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('a sandbox token against the production host points at --sandbox', async () => {
    const db = freshPath();
    const r = await runCli(dl(db, 'SBER'), { SANDBOX_TOKEN_STRING: SANDBOX });
    expectOneLineError(r, 2, /sandbox token.*add --sandbox.*TINKOFF_TOKEN_STRING/);
    expectQuiet(r, SANDBOX);
    expect(existsSync(db)).toBe(false);
  });

  it('a truncated archive from the server', async () => {
    const db = seededCopy();
    const env = {
      TINVEST_ENDPOINT: emu.grpcAddress,
      TINVEST_ARCHIVE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/history-data`,
      TINKOFF_TOKEN_STRING: GOOD,
    };
    const args = ['download', '--db', db, '--instrument', 'SBER', '--interval', '1m'];
    const r = await runCli(
      [...args, '--source', 'archive', '--from', '2025-01-20', '--to', '2025-01-25'],
      env,
    );
    expectOneLineError(r, 1, /archive of .*: .*truncated.*nothing from it was imported/);
    expectUnchanged(db);
  });

  it('an archive row that breaks OHLC rules', async () => {
    const db = seededCopy();
    const day = new Date(BROKEN_AT).toISOString().slice(0, 10).replaceAll('-', '');
    const args = [
      'download',
      '--db',
      db,
      '--instrument',
      'SBER',
      '--interval',
      '1m',
      '--source',
      'archive',
    ];
    const r = await runCli([...args, '--from', '2025-01-13', '--to', '2025-01-20'], emuEnv(quirky));
    expectOneLineError(
      r,
      1,
      new RegExp(`_${day}\\.csv line \\d+: OHLC rules broken.*nothing from it was imported`),
    );
    expectUnchanged(db);
  });

  it('tlab data import of a truncated zip', async () => {
    const db = seededCopy();
    const r = await runCli(['data', 'import', truncatedZip, '--db', db]);
    expectOneLineError(r, 1, new RegExp(`${path.basename(truncatedZip)}: .*truncated`));
    expectUnchanged(db);
  });
});
