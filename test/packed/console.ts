/**
 * test:packed's look at the console, as a new user takes it: the address `local serve` printed opened in headless
 * Chromium while the README's drift example is served, a screenshot of the whole page written to
 * test-reports/packed-console.png, and what the page showed checked against what `local drift` printed.
 */
import * as path from 'node:path';
import { check, PackedFailure } from './checks';
import { Background, Ran, Transcript } from './shell';
import { launchChromium, waitFor, watchedPage } from '../console/chromium';

const SCREENSHOT = path.join(__dirname, '..', '..', 'test-reports', 'packed-console.png');

/** local drift's rows, `in sync StagingPhotos970256DC` ..., sorted. */
function driftRows(stdout: string): string[] {
  return [...stdout.matchAll(/^ {2}(in sync|drifted|missing|unknown) {2}(\S+)/gm)].map(([, status, logicalId]) => `${status} ${logicalId}`).sort();
}

/** Waits up to 10 s for `server` to print its console's address (its third line); the address. */
async function consoleAddress(server: Background): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = server.printed().split('\n').find((printed) => printed.startsWith('See it in a browser: '));
    if (line) return line;
    if (Date.now() > deadline) throw new PackedFailure(`local serve printed no "See it in a browser: <url>" line in 10 s:\n${server.printed()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the console `server` serves, checks it shows the world and the drift `drifted` printed; a summary line. */
export async function lookAtConsole(server: Background, drifted: Ran, transcript: Transcript): Promise<string> {
  transcript.section('The console local serve prints the address of, opened in headless Chromium');
  const started = Date.now();
  const endpoint = /^endpoint (\S+)$/.exec(server.firstLine)![1];
  const line = await consoleAddress(server);
  check(line === `See it in a browser: ${endpoint}/_console/ (read-only)`, `local serve prints its console's address: "${line}"`);
  const browser = await launchChromium();
  try {
    const { page, troubles } = await watchedPage(browser);
    await page.goto(`${endpoint}/_console/`);
    const expected = driftRows(drifted.stdout);
    const compared = '#stack-list tbody tr:not(.status-not-compared)';
    const shown = async () => {
      const [statuses, logicalIds] = [await page.locator(`${compared} td.status`).allTextContents(), await page.locator(`${compared} th`).allTextContents()];
      return statuses.map((status, index) => `${status.toLowerCase()} ${logicalIds[index]}`).sort();
    };
    await waitFor(page, 'the drift rows', async () => (await shown()).length === expected.length)
      .catch((error: Error) => {
        throw new PackedFailure(`the console: ${error.message}`);
      });
    const rows = await shown();
    check(expected.length > 0 && JSON.stringify(rows) === JSON.stringify(expected),
      `the console shows the rows local drift printed: ${rows.join(', ')}`, undefined, `--- local drift printed\n${expected.join('\n')}\n--- the console shows\n${rows.join('\n')}`);
    const environments = await page.locator('#environment-list h4').allTextContents();
    check(environments.includes('dev') && environments.includes('staging'), `the console shows the environments: ${environments.join(', ')}`);
    const jobs = await page.locator('#timeline .bar').count();
    const requests = await page.locator('#requests-table tbody tr').count();
    check(jobs > 0 && requests > 0, `the console shows the jobs (${jobs} bars) and the requests it answered (${requests})`);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    check(troubles.length === 0, `no dialog, script error, failed load or request off the machine${troubles.length ? `: ${troubles.join('; ')}` : ''}`);
    const summary = `console: ${environments.length} environments (${environments.join(', ')}), ${jobs} job bars, ${requests} request${requests === 1 ? '' : 's'}, `
      + `drift ${rows.join(', ')}; screenshot ${path.relative(path.join(__dirname, '..', '..'), SCREENSHOT)} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    transcript.note(summary);
    return summary;
  } finally {
    await browser.close();
  }
}
