/**
 * Headless Chromium for the tests that open `local serve`'s console (test:console, test:packed): Debian's
 * `chromium` package driven by playwright-core, which downloads no browser, and a page that records whatever a
 * user would not want to see happen (a dialog, a script error, a failed load, a request leaving the machine).
 */
import * as fs from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Starts Chromium with a fresh profile of its own (playwright-core's temporary --user-data-dir, removed on close). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as .ci/run does.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page in a context of its own, 1280 × 900 unless `options` say otherwise, with the troubles seen on it. */
export async function watchedPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; troubles: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const troubles: string[] = [];
  page.on('dialog', (dialog) => {
    troubles.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => troubles.push(`a script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') troubles.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) troubles.push(`${response.url()} answered ${response.status()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1:')) troubles.push(`a request left the machine: ${request.url()}`);
  });
  return { context, page, troubles };
}

/** Polls `condition` until it holds, at most `timeoutMs`; throws saying what it waited for when it does not. */
export async function waitFor(page: Page, what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await page.waitForTimeout(100);
  }
}
