/**
 * @module Takes the README's pictures of the dashboard in real headless Chromium (Debian's,
 * through playwright-core): `npx tsx scripts/ui-screenshots.ts [OUT_DIR]` (default docs/ui) builds
 * the dashboard tests' fixture (a synthetic SBER cache with a gap, two saved backtests, a study), starts
 * a real `tlab paper` run on its emulator beside them, opens `tlab ui`'s server over both, and
 * saves one picture per page: live.png (after a few fills), runs.png, run.png (with its report),
 * compare.png, studies.png (the optimize heatmap) and cache.png. Every request off loopback is refused; the run is stopped at the end.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startPaper } from '../test/ui/paper-child.ts';
import { launch, openHash, startUi, uiFiles, watchedPage } from '../test/ui/ui-rig.ts';

const out = path.resolve(process.argv[2] ?? 'docs/ui');
mkdirSync(out, { recursive: true });
const files = await uiFiles();
const server = await startUi(files);
const browser = await launch();
const paper = startPaper(files.dir, files.journalFile, 120);
try {
  const runId = await paper.runId();
  const w = await watchedPage(browser);
  const shot = async (hash: string, name: string, ready?: () => Promise<unknown>, height = 900) => {
    await openHash(w, server.url, hash);
    await ready?.();
    // Two frames for the charts to paint.
    await w.page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const clip = { x: 0, y: 0, width: 1360, height };
    await w.page.screenshot({ path: path.join(out, name), fullPage: true, clip });
    process.stdout.write(`${path.join(out, name)}\n`);
  };
  await shot(`#/live/${runId}`, 'live.png', () =>
    w.page.waitForFunction(
      () => document.querySelectorAll('#fills tbody tr').length >= 3,
      undefined,
      {
        timeout: 60_000,
      },
    ),
  );
  await shot('#/runs', 'runs.png');
  await shot(
    `#/run/${files.runIds[0]}`,
    'run.png',
    async () => {
      await w.page.click('#show-report');
      await w.page
        .frameLocator('#report')
        .locator('body[data-ready="true"]')
        .waitFor({ timeout: 20_000 });
    },
    2000,
  );
  await shot(`#/compare/${files.runIds[0]}/${files.runIds[1]}`, 'compare.png');
  await shot(
    '#/studies',
    'studies.png',
    () => w.page.frameLocator('#study').locator('h1').waitFor(),
    1300,
  );
  await shot('#/cache', 'cache.png', () => w.page.waitForSelector('body[data-chart]'));
  if (w.offLoopback.length > 0 || w.problems.length > 0)
    throw new Error(
      `the pages asked off loopback or logged errors: ${[...w.offLoopback, ...w.problems].join('; ')}`,
    );
} finally {
  paper.child.kill('SIGINT');
  await paper.exited;
  await browser.close();
  await server.close();
  files.remove();
}
