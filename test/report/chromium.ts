/**
 * @module The headless Chromium every browser test launches: Debian's binary through
 * playwright-core, with the flags that keep it from reaching the network on its own (updates,
 * sync, background fetches), so a page's requests are the page's.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** The launch flags. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the binary is there (the browser tests skip, saying why, when not). */
export const haveChromium = existsSync(CHROMIUM);

/** Launches it. */
export function launchChromium(extra: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extra] });
}
