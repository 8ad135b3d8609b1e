// `tlab parity` for real: a cache from `tlab demo`, two `tlab backtest --out` folders of the same
// strategy and period with different fill models, compared; the same folder against itself is
// within tolerance, the two models are not (next-bar slips, sandbox does not), and parity.html
// opens in headless Chromium showing the same verdict and differences as parity.json.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOneLineError, runCli } from '../../cli/run-cli.ts';
import { backtestInto, demoCache } from '../demo-cache.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(path.join(tmpdir(), 'tlab-parity-cli-'));
const db = path.join(dir, 'demo.sqlite');
const nextBar = path.join(dir, 'next-bar');
const sandbox = path.join(dir, 'sandbox');

beforeAll(async () => {
  await demoCache(dir);
  await Promise.all([
    backtestInto(db, nextBar, '--fill-model', 'next-bar', '--slippage', '2t'),
    backtestInto(db, sandbox, '--fill-model', 'sandbox'),
  ]);
}, 180_000);

describe('tlab parity', () => {
  it('finds a run within tolerance of itself and exits 0', async () => {
    const r = await runCli(['parity', nextBar, nextBar, '--db', db], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/matched by fills/);
    expect(r.stdout).toMatch(/fills: [1-9]\d* matched, 0 different, 0 only in A, 0 only in B/);
    expect(r.stdout).toMatch(/verdict: within tolerance\n$/);
  });

  it('prints where and why two fill models differ, exits 1, and writes parity.json and parity.html', async () => {
    const r = await runCli(['parity', sandbox, nextBar, '--db', db, '--out', sandbox], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}SBER {2}price-slippage-outside: (buy|sell) at /m,
    );
    expect(r.stdout).toMatch(/verdict: NOT within tolerance \(.*\d+ price-slippage-outside\)/);
    const json = JSON.parse(readFileSync(path.join(sandbox, 'parity.json'), 'utf8'));
    expect(json.summary.withinTolerance).toBe(false);
    expect(json.differences.length).toBeGreaterThan(0);
    // next-bar slips every market fill by 2 ticks against the sandbox model's open: all adverse.
    expect(json.summary.slippageCost).toBeGreaterThan(0);
    const prices = json.differences.filter((d: { kind: string }) => d.kind.startsWith('price-'));
    expect(prices.length).toBe(json.summary.fills.different);
    for (const d of prices) expect(d.slippageTicks).toBe(2);
    const asJson = await runCli(['parity', sandbox, nextBar, '--db', db, '--json'], { cwd: dir });
    expect(JSON.parse(asJson.stdout)).toEqual(json);
  });

  it('takes a slippage of exactly the tolerance as within it', async () => {
    const at = await runCli(['parity', sandbox, nextBar, '--db', db, '--ticks', '2'], { cwd: dir });
    expect(at.code).toBe(0);
    expect(at.stdout).toMatch(/price-slippage-within/);
    expect(at.stdout).toMatch(/verdict: within tolerance\n$/);
  });

  it('refuses bad input in one line with exit 2', async () => {
    const r = await runCli(['parity', nextBar, dir, '--db', db], { cwd: dir });
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/is a folder without result.json/);
    const t = await runCli(['parity', nextBar, nextBar, '--ticks', '-1'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(isOneLineError(t.stderr)).toBe(true);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'renders parity.html in headless Chromium, offline, as parity.json says',
    async () => {
      const json = JSON.parse(readFileSync(path.join(sandbox, 'parity.json'), 'utf8'));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        const remote: string[] = [];
        await page.route('**/*', (route) => {
          if (route.request().url().startsWith('file:')) return route.continue();
          remote.push(route.request().url());
          return route.abort();
        });
        await page.goto(pathToFileURL(path.join(sandbox, 'parity.html')).href);
        expect(await page.textContent('#verdict')).toMatch(/NOT within tolerance/);
        const rows = await page.$$eval('#differences tr', (trs) =>
          trs.slice(1).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)),
        );
        expect(rows.length).toBe(json.differences.length);
        expect(rows.map((r) => r[2])).toEqual(
          json.differences.map((d: { kind: string }) => d.kind),
        );
        expect(rows.map((r) => r[3])).toEqual(
          json.differences.map((d: { slippageTicks?: number }) =>
            d.slippageTicks === undefined ? '' : String(d.slippageTicks),
          ),
        );
        expect(rows[0][1]).toBe('SBER');
        const counts = await page.$$eval('#counts tr', (trs) =>
          trs
            .slice(1)
            .map((tr) => Array.from(tr.querySelectorAll('td'), (td) => Number(td.textContent))),
        );
        const f = json.summary.fills;
        expect(counts[1]).toEqual([f.matched, f.different, f.onlyA, f.onlyB]);
        expect(errors).toEqual([]);
        expect(remote).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
