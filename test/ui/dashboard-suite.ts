/** @module The set-up every dashboard browser suite shares: fixture, dashboard, browser. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { UiServer, UiServerOptions } from '../../src/ui/server/ui-server.ts';
import { launch, startUi, uiFiles, type UiFiles } from './ui-rig.ts';

/** What a browser suite has: the fixture files, the dashboard over them and a browser. */
export interface DashboardSuite {
  files: UiFiles;
  server: UiServer;
  browser: Browser;
}

/**
 * Sets up the fixture, the dashboard (with `options`) and the browser before the suite's tests and
 * takes them down after; the returned object is filled in by then.
 */
export function dashboardSuite(
  options: (files: UiFiles) => Partial<UiServerOptions> = () => ({}),
): DashboardSuite {
  const s = {} as DashboardSuite;
  beforeAll(async () => {
    s.files = await uiFiles();
    s.server = await startUi(s.files, options(s.files));
    s.browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
    s.files?.remove();
  });
  return s;
}
