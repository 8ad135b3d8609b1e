/**
 * @module Takes the README's picture of a report in real headless Chromium (Debian's, through
 * playwright-core): `npx tsx scripts/report-screenshot.ts REPORT.html OUT.png [HEIGHT]` opens the
 * page from file:// with every other request refused, waits until its charts have drawn, and saves
 * the top HEIGHT pixels (default 1700) of a 1200-pixel-wide page. Pages without scripts (the study
 * pages optimize.html, walk-forward.html, robustness.html: inline SVG) are ready once loaded; a
 * page with scripts (report.html) marks itself ready with `body[data-ready="true"]`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page, out, height = '1700'] = process.argv.slice(2);
if (page === undefined || out === undefined) {
  process.stderr.write(
    'usage: npx tsx scripts/report-screenshot.ts REPORT.html OUT.png [HEIGHT]\n',
  );
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: Number(height) } });
  await tab.route('**/*', (r) =>
    r.request().url().startsWith('file:') ? r.continue() : r.abort(),
  );
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.waitForFunction(
    () => document.querySelector('script') === null || document.body.dataset.ready === 'true',
    undefined,
    { timeout: 20_000 },
  );
  await tab.screenshot({ path: out });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
}
