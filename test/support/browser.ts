import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Browser tests (test/dashboard-browser.test.ts, test/explorer-browser.test.ts): Debian's chromium,
 * headless, and pages that may not leave this machine.
 */

/** Debian's `chromium` package (`.ci/run` installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';

/** Throws, saying how to install it, when Debian's chromium is missing: call first, before slow set-up. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium; .ci/run does)`);
  }
}

/** Debian's chromium, headless, with none of its own network traffic (updates, sync, background fetches). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Lets `page`'s loopback requests through (data: and blob: URLs never leave the page); refuses every
 * other one and records its URL in `outside`.
 */
export async function keepOnLoopback(page: Page, outside: string[]): Promise<void> {
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) await route.continue();
    else {
      outside.push(url.href);
      await route.abort('internetdisconnected');
    }
  });
}
