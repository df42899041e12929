/**
 * `local serve`'s console in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser is
 * downloaded) while a deploy runs through the served emulator: the page shows the environments, then the job bars
 * growing, then the drift rows; screenshots of the three moments go to test-reports/console/. It asserts on the
 * page's structure, never its pixels: an environment named with markup is shown as text and opens no dialog, the
 * keyboard reaches a failed job's error, axe-core finds nothing serious or critical in either colour scheme, and
 * at 200 % zoom nothing is wider than the window. Run by `npx projen test:console` (CI too), not by npm test.
 *
 * The deploy through `local serve`: the served process holds the state folder (local deploy refuses while it
 * runs), so the deploy is the engine's LocalDeployment in this process with its handlers' AmplifyBackend endpoint
 * (AWS_ENDPOINT_URL_AMPLIFYBACKEND) set to the served one; the stack it deployed is then kept in the state folder
 * as local deploy would keep it, for the console's drift.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Browser, Page } from 'playwright-core';
import { launchChromium, waitFor as waitUntil, watchedPage } from './chromium';
import { AmplifyBackendEmulator, EnvironmentImage, JobImage, WorldImage } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { readAssembly } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';
import { AmplifyBackend, StoragePermission } from '../../src';
import { startServe } from '../cli/serve-process';

const ROOT = path.join(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-reports', 'console');
const APP_ID = 'd1';
/** An environment name no API call could give, as a console-made mess would leave it in a world. */
const MARKUP_NAME = '<img src=x onerror=alert(1)>';
/** The error text of that environment's failed job: user-controlled text too. */
const MARKUP_ERROR = 'Deployment failed: <script>alert(2)</script> <b>bold?</b>';
const started = Date.now();

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`test:console FAILED: ${message}`);
  console.log(`  ok  ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Polls `condition` in the page until it holds, at most `timeoutMs`; fails the test saying what it waited for. */
async function waitFor(page: Page, what: string, condition: () => Promise<boolean>, timeoutMs?: number): Promise<void> {
  await waitUntil(page, what, condition, timeoutMs).catch((error: Error) => {
    throw new Error(`test:console FAILED: ${error.message}`);
  });
}

/**
 * The world before the deploy: app d1 with environment `prod` (auth, and past jobs, some failed), and an environment
 * named with markup whose one job failed with markup in its error, put into the image as stored values.
 */
async function worldBefore(): Promise<WorldImage> {
  const emulator = await AmplifyBackendEmulator.start({
    seed: 11,
    environments: [{ appId: APP_ID, appName: 'photo-share', backendEnvironmentName: 'prod', auth: {}, history: { jobs: 4, spacingMs: 4000, failedShare: 0.25 } }],
  });
  const image = emulator.saveWorld();
  await emulator.close();
  const now = Date.now();
  const failed: JobImage = {
    jobId: '00000000-0000-4000-8000-000000000001',
    appId: APP_ID,
    backendEnvironmentName: MARKUP_NAME,
    operation: 'UpdateBackendAPI',
    status: 'FAILED',
    error: MARKUP_ERROR,
    createTime: now - 9000,
    updateTime: now - 6000,
    external: true,
  };
  return {
    ...image,
    apps: image.apps.map((app) => ({ ...app, environments: [...app.environments, { name: MARKUP_NAME } as EnvironmentImage] })),
    jobs: [...image.jobs, failed],
  };
}

/** The app deployed through local serve: environments `staging` and `test` of d1, each with auth and storage. */
function synthApp(outdir: string) {
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ outdir });
  const stack = new Stack(app, 'PhotoShare');
  for (const name of ['staging', 'test']) {
    const backend = new AmplifyBackend(stack, name, { appId: APP_ID, appName: 'photo-share', environmentName: name, removalPolicy: RemovalPolicy.DESTROY });
    backend.addAuth('Users', { resourceName: 'users', allowUnauthenticatedIdentities: true, removalPolicy: RemovalPolicy.DESTROY });
    backend.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ], unauthenticated: [StoragePermission.READ] } });
  }
  return readAssembly(app.synth().directory)[0];
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // Run in the page (a string: this file is compiled without the browser's types).
  const results = await page.evaluate('axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))') as
    Array<{ id: string; impact: string; help: string; nodes: number }>;
  return results.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} (${violation.nodes} nodes): ${violation.help}`);
}

async function main(): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-browser-'));
  const folder = new StateFolder(path.join(dir, '.cdk-amplify-backend'));
  folder.writeWorld(await worldBefore());
  const { server, endpoint } = await startServe(folder.dir, ['--job-duration', '2500']);
  const stopped = new Promise<number | null>((resolve) => server.once('exit', resolve));
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    console.log(`test:console: local serve at ${endpoint}, Chromium ${browser.version()}`);
    const { page, troubles } = await watchedPage(browser);
    await page.goto(`${endpoint}/_console/`);

    // 1. The environments, each name as text.
    await waitFor(page, 'the environments', async () => (await page.locator('#environment-list h4').count()) === 2);
    check(JSON.stringify(await texts(page, '#environment-list h4')) === JSON.stringify(['prod', MARKUP_NAME]), 'the environments are shown, the markup name as text');
    check(await page.locator('#environment-list table caption', { hasText: 'Auth: userpool' }).count() === 1, 'prod\'s auth is a table of its settings');
    check(await page.locator('img').count() === 0, 'the page holds no img element');
    check(await page.locator('#timeline .lane').count() === 2 && await page.locator('#timeline .bar.failed').count() === 2,
      'the timeline has a lane per environment and marks the failed jobs');
    await page.screenshot({ path: path.join(SHOTS, '1-environments.png'), fullPage: true });

    // 2. A deploy through local serve: the bars grow.
    const outdir = path.join(dir, 'cdk.out');
    const local = await LocalDeployment.start({ environment: { AWS_ENDPOINT_URL_AMPLIFYBACKEND: endpoint }, timeScale: 0.1, onLog: () => undefined });
    const deploying = local.deploy(synthApp(outdir));
    await waitFor(page, 'a running job of staging', async () => (await page.locator('#timeline .lane', { hasText: 'staging' }).locator('.bar.running').count()) === 1);
    // The same job's bar, a moment later (it may have ended by then: its bar then reaches its end time).
    const jobId = await page.locator('#timeline .bar.running').first().getAttribute('data-job-id');
    const width = async () => (await page.locator(`#timeline .bar[data-job-id="${jobId}"]`).boundingBox())?.width ?? 0;
    const widthBefore = await width();
    const barsBefore = await page.locator('#timeline .bar').count();
    await waitFor(page, 'the running job\'s bar to grow', async () => (await width()) > widthBefore, 3000);
    const widthAfter = await width();
    check(widthAfter > widthBefore, `a running job's bar grows without a reload (${widthBefore.toFixed(0)} px, then ${widthAfter.toFixed(0)} px)`);
    check(await page.locator('#timeline .lane').count() === 4, 'the deploy\'s environments get lanes of their own, beside the others');
    await page.screenshot({ path: path.join(SHOTS, '2-jobs-running.png'), fullPage: true });
    await waitFor(page, 'more jobs', async () => (await page.locator('#timeline .bar').count()) > barsBefore);
    const result = await deploying;
    check(result.status === 'CREATE_COMPLETE', `the deploy through local serve ends CREATE_COMPLETE (${result.status})`);
    await waitFor(page, 'every job ended', async () => (await page.locator('#timeline .bar.running').count()) === 0);
    check(await page.locator('#timeline .bar').count() === 5 + 6, 'six new jobs beside the five before: an environment, its auth and its storage, twice');

    // 3. The stack kept as local deploy keeps it: its drift rows.
    folder.writeStack(local.stack('PhotoShare')!);
    await local.close();
    const driftRows = page.locator('#stack-list tbody tr');
    await waitFor(page, 'the drift rows', async () => (await page.locator('#stack-list .status-in-sync').count()) === 6);
    const compared = await texts(page, '#stack-list tbody tr:not(.status-not-compared) td.status');
    check(compared.length === 6 && compared.every((status) => status === 'In sync'), 'the six custom resources are in sync, as local drift says');
    check(await page.locator('#stack-list .status-not-compared').count() > 0, 'the stack\'s other resources are listed, not compared');
    check((await driftRows.first().locator('th').textContent()) !== '', 'each row names its resource');
    await page.screenshot({ path: path.join(SHOTS, '3-drift.png'), fullPage: true });

    // The keyboard: Tab from the time window reaches the first lane (the markup environment's), Enter shows its error.
    await page.focus('#window');
    await page.keyboard.press('Tab');
    const focused = await page.locator(':focus').getAttribute('class') ?? '';
    check(focused.includes('bar') && focused.includes('failed'), `Tab reaches the first lane's job (${focused})`);
    await page.keyboard.press('Enter');
    check(((await page.locator('#job-detail-body').textContent()) ?? '').includes(MARKUP_ERROR), 'Enter shows the failed job\'s error, as text');
    const prodBars = page.locator('#timeline .lane:nth-child(2) .bar');
    await page.focus('#timeline .lane:nth-child(2) .bar[tabindex="0"]');
    await page.keyboard.press('Home');
    check(await page.locator(':focus').getAttribute('data-job-id') === await prodBars.first().getAttribute('data-job-id'), 'Home moves to a lane\'s first job');

    // The requests, newest first, filtered.
    await page.fill('#request-filter', 'CreateBackendAuth');
    const operations = await texts(page, '#requests-table tbody td:nth-child(2)');
    check(operations.length === 2 && operations.every((operation) => operation === 'CreateBackendAuth'), 'the filter leaves the two CreateBackendAuth calls');
    await page.fill('#request-filter', '');

    check(troubles.length === 0, `no dialog, script error, CSP refusal or request off the machine${troubles.length ? `: ${troubles.join('; ')}` : ''}`);
    const lightViolations = await axeViolations(page);
    check(lightViolations.length === 0, `axe-core: no serious or critical violation in the light scheme${lightViolations.length ? `: ${lightViolations.join('; ')}` : ''}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    const darkViolations = await axeViolations(page);
    check(darkViolations.length === 0, `axe-core: none in the dark scheme either${darkViolations.length ? `: ${darkViolations.join('; ')}` : ''}`);
    await page.locator('#jobs').screenshot({ path: path.join(SHOTS, '4-dark-jobs.png') });

    // 200 % zoom of a 1280 px window: a 640 px viewport. Nothing makes the page scroll sideways.
    await page.setViewportSize({ width: 640, height: 900 });
    await page.waitForTimeout(200);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    check(overflow <= 0, `at 200 % zoom nothing is wider than the window (${overflow} px over)`);
    await page.locator('#jobs').screenshot({ path: path.join(SHOTS, '5-zoom-200-jobs.png') });

    // Escaping alone, without the CSP's help (it would also stop an inline onerror): still text, still no dialog.
    const unprotected = await watchedPage(browser, { bypassCSP: true });
    await unprotected.page.goto(`${endpoint}/_console/`);
    await waitFor(unprotected.page, 'the environments', async () => (await unprotected.page.locator('#environment-list h4').count()) === 4);
    await unprotected.page.locator('#timeline .bar.failed').first().click();
    await unprotected.page.waitForTimeout(500);
    check((await texts(unprotected.page, '#environment-list h4')).includes(MARKUP_NAME) && await unprotected.page.locator('img, script:not([src])').count() === 0,
      'with the CSP bypassed, the markup name and error are still text: no img or inline script in the page');
    check(unprotected.troubles.length === 0, `with the CSP bypassed, no dialog${unprotected.troubles.length ? `: ${unprotected.troubles.join('; ')}` : ''}`);
    await unprotected.context.close();
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    await stopped;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  check(await stopped === 0, 'local serve stops on SIGTERM: exit 0');
  console.log(`test:console passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, SHOTS)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
