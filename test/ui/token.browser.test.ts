// A dashboard off loopback, in real headless Chromium over TLS: without the token the page gets
// nothing but the refusal; opened at the address `tlab ui` prints (with #token=), the page trades
// the token for an HttpOnly cookie, drops it from the address bar, and every page works, the live
// stream and the report frame included, with the token out of the page's reach.
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardSuite } from './dashboard-suite.ts';
import { selfSigned } from './tls.ts';
import { browserSuite, haveChromium, openHash, watchedPage } from './ui-rig.ts';

describe.skipIf(!haveChromium)(
  browserSuite('a TLS dashboard with its token in headless chromium'),
  () => {
    const s = dashboardSuite((f) => ({ host: '0.0.0.0', tls: selfSigned(f.dir) }));
    let base: string;
    beforeAll(() => {
      base = `https://127.0.0.1:${new URL(s.server.url).port}`;
    });

    it('shows nothing without the token', async () => {
      const w = await watchedPage(s.browser, { ignoreHTTPSErrors: true });
      await openHash(w, base, '#/runs');
      expect(await w.page.textContent('#page-error')).toMatch(/needs its access token/);
      expect(await w.page.$('#runs')).toBeNull();
      expect(w.problems.filter((p) => p.startsWith('HTTP '))).toEqual([
        `HTTP 401: ${base}/api/runs`,
      ]);
      expect(w.offLoopback).toEqual([]);
      await w.page.context().close();
    });

    it('logs in once from the printed address and keeps the token out of the page', async () => {
      const w = await watchedPage(s.browser, { ignoreHTTPSErrors: true });
      await openHash(w, base, `#token=${s.server.token}`);
      expect(w.page.url()).toBe(`${base}/#/live`);
      expect(await w.page.textContent('#no-live')).toMatch(/No run is going/);
      expect(await w.page.evaluate(() => document.cookie)).toBe('');
      const cookies = await w.page.context().cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([
        ['tlab_ui', true, true, 'Strict'],
      ]);
      await openHash(w, base, '#/runs');
      expect(await w.page.$$eval('#runs tbody tr', (r) => r.length)).toBe(2);
      await openHash(w, base, `#/run/${s.files.runIds[0]}`);
      await w.page.click('#show-report');
      await w.page
        .frameLocator('#report')
        .locator('body[data-ready="true"]')
        .waitFor({ timeout: 20_000 });
      expect(await w.page.content()).not.toContain(s.server.token!);
      expect(w.offLoopback).toEqual([]);
      expect(w.problems).toEqual([]);
      await w.page.context().close();
    });
  },
);
