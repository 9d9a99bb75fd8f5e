import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { keepOnLoopback, launchChromium, requireChromium } from './support/browser';
import { startTestHub, type TestHub } from './support/hub';

/** Where the screenshot goes; docs/images/explorer.png is a copy of one. */
const SCREENSHOT = join(tmpdir(), 'jobcenter-hub-explorer.png');

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  requireChromium();
  hub = await startTestHub();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the explorers in a browser without the internet', () => {
  it('shows, where Apollo Sandbox cannot load, a link to the offline explorer', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    await keepOnLoopback(page, outside);
    await page.goto(hub.gatewayUrl);
    const link = page.getByRole('link', { name: 'offline explorer' });
    await link.click();
    await page.waitForURL(/\/explorer$/);
    // What Sandbox tried to load, refused here: Apollo's CDN.
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((url) => /apollographql\.com|fonts\.googleapis\.com|fonts\.gstatic\.com/.test(new URL(url).hostname))).toBe(true);
    await page.close();
  });

  it('runs a saved operation in the offline explorer, loading nothing from outside loopback', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const outside: string[] = [];
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    await keepOnLoopback(page, outside);
    await page.goto(new URL('/explorer', hub.gatewayUrl).toString());

    // The schema came from the gateway: the documentation explorer shows the root type.
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    // Every saved operation of operations/ is a tab; ResponsibleSite has its postcode filled in.
    await page.locator('.graphiql-tab', { hasText: 'ResponsibleSite' }).click();
    await page.locator('.graphiql-query-editor').getByText('responsibleLocations').first().waitFor();
    // GraphiQL takes the operation's name from the editor a moment after the tab changed (a person is never
    // that fast): wait until the tab it keeps in storage says ResponsibleSite.
    await page.waitForFunction(() => {
      // In the page: its localStorage, item by key.
      const storage = (globalThis as unknown as { localStorage: Record<string, string> }).localStorage;
      return Object.keys(storage)
        .filter((key) => key.endsWith('graphiql:tabState'))
        .some((key) => {
          const state = JSON.parse(storage[key]!) as { activeTabIndex: number; tabs: { operationName: string | null }[] };
          return state.tabs[state.activeTabIndex]?.operationName === 'ResponsibleSite';
        });
    });
    const answer = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST');
    await page.locator('.graphiql-execute-button').click();
    expect((await answer).status()).toBe(200);
    const result = page.locator('.result-window');
    await result.getByText('Jobcenter Münster').first().waitFor();
    expect(await result.innerText()).not.toContain('"errors"');
    await page.screenshot({ path: SCREENSHOT });

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
