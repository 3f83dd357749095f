import { existsSync } from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROMIUM } from './chromium';

declare global {
  var sharedBrowser: BrowserServer | undefined;
}

/**
 * Jest's global setup: one Chromium for every browser test of the run, which each test file connects to (its own
 * contexts, closed with it), rather than one started per file beside the app under test on a 2-core machine.
 * Without Chromium installed nothing starts, and a browser test says so when it launches its own.
 */
export default async function startSharedBrowser(): Promise<void> {
  if (!existsSync(CHROMIUM.executablePath as string)) return;
  globalThis.sharedBrowser = await chromium.launchServer(CHROMIUM);
  process.env.INTEGRITY_TEST_BROWSER = globalThis.sharedBrowser.wsEndpoint();
}
