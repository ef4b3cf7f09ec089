import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dismissMemoryOnlyNotice, screenshotPath, screenshotSpec, screenshotPageOptions, screenshotViewport, scrollToTop, shoot } from './support/screenshot-kit.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { connectCompanyWith, setCompanyConsent } from './support/connect-company.js';
import { partnerProfile } from './support/partner-sandbox-page.js';
import { signInThroughBrowser, signInToSandbox, skipWizard } from './support/sign-in.js';
import { queueTestBots, queueTestBotsDir, scheduledTestBotsDir, testBots, testBotsDir } from './support/test-bots.js';
import { setMaxConcurrentRuns } from './support/run-limit.js';

/**
 * @screenshots: the PNGs in docs/screenshots/, made from a real run against the sandbox.
 * `npm run screenshots` builds the renderer and runs this file with RPA_SCREENSHOTS=1; an
 * ordinary test run skips it, so tests never rewrite the docs.
 */
screenshotSpec();
const viewport = screenshotViewport;

let host: BrowserHostProcess;
let page: Page;

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  page = await browser.newPage(screenshotPageOptions);
  await page.goto(host.pageUrl);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

test('@screenshots the first-run wizard', async () => {
  await expect(page.getByTestId('wizard')).toBeVisible();
  await page.getByRole('radio', { name: 'Healthcode UAT (test)' }).check();
  await shoot(page, 'wizard-1-provider');
  // Register first: the redirect URI (the bounce page, recommended for Healthcode) and the request for the BDM.
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-bounceUrl').getByRole('textbox').fill('https://rpa.clinic.example/postauth/');
  await expect(page.getByTestId('wizard-registration-request')).toBeVisible();
  await page.getByTestId('wizard-step-title').scrollIntoViewIfNeeded();
  await shoot(page, 'wizard-2-redirect-uri');
  // The client id comes later; without one yet, the profile can be saved as a draft.
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-save-draft')).toBeVisible();
  await page.getByTestId('wizard-step-title').scrollIntoViewIfNeeded();
  await shoot(page, 'wizard-3-client');
  await skipWizard(page);
  await expect(page.getByTestId('session-status-sandbox')).toBeVisible();
});

test('@screenshots the browser host sign-in: the sandbox shows the link, the card takes it', async () => {
  const loginTabPromise = page.context().waitForEvent('page');
  await page.getByTestId('sign-in-sandbox').click();
  const loginTab = await loginTabPromise;
  await expect(page.getByTestId('paste-link-sandbox')).toBeVisible();
  await page.getByTestId('paste-link-sandbox').scrollIntoViewIfNeeded();
  await shoot(page, 'sign-in-paste-link');
  await loginTab.getByLabel('Username').fill('demo');
  await loginTab.getByLabel('Password').fill('demo-password');
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  await expect(loginTab.getByLabel('Link for RPA Supervisor')).toBeVisible();
  await loginTab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await loginTab.screenshot({ path: screenshotPath('sandbox-app-link-page') });
  await loginTab.close();
  await page.getByTestId('cancel-sign-in-sandbox').click();
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Signed out');
});

test('@screenshots the Overview, a live log, history, audit and settings', async () => {
  // Dismiss the browser host's memory-only notice so the pictures show the screens themselves.
  await dismissMemoryOnlyNotice(page);
  // Signed out: Today, and one shared reason above the bots instead of one per card.
  await expect(page.getByTestId('start-blocked-shared')).toBeVisible();
  await shoot(page, 'overview-signed-out');
  // The sign-in above left the sandbox's own login session in this browser; without it the
  // sandbox shows its login page again, as the other cases' fresh pages do.
  await page.context().clearCookies();
  await signInToSandbox(page, host);
  await page.getByTestId(`start-${testBots.api}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await page.getByTestId(`start-${testBots.crash}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await page.getByTestId(`start-${testBots.hang}`).click();
  await expect(page.getByTestId('run-log')).toContainText('now hanging');
  await page.mouse.move(0, 0);
  await scrollToTop(page);
  await shoot(page, 'overview');

  await page.getByTestId('log-search').fill('item');
  await shoot(page, 'run-log-search');
  await page.getByTestId('log-search').fill('');

  await page.getByTestId('stop-all').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shoot(page, 'stop-all-confirmation');
  await page.keyboard.press('Escape');
  await page.getByTestId(`stop-${testBots.hang}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });

  await page.emulateMedia({ colorScheme: 'dark' });
  await scrollToTop(page);
  await shoot(page, 'overview-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByTestId('nav-runs').click();
  await page.getByTestId('history-table').getByRole('button', { name: /Remittance import/ }).click();
  await expect(page.getByTestId('run-exit-code')).toHaveText('3');
  await scrollToTop(page);
  // At 480 px the rows stack: no sideways scrolling.
  await shoot(page, 'run-history', { subject: page.getByTestId('history-table'), also: ['480'] });
  // The narrowest width at which every history column stays in view.
  await page.setViewportSize({ width: 760, height: 800 });
  await scrollToTop(page);
  await shoot(page, 'run-history-760');
  await page.setViewportSize(viewport);

  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
  await shoot(page, 'audit-trail', { subject: page.getByTestId('audit-table'), also: ['480'] });
  await page.getByTestId('audit-filter-type').locator('select').selectOption('runEnded');
  // The core selects the records: shoot once the answer is on screen, not while it loads.
  await expect(page.getByTestId('audit-shown')).toHaveText(/match/);
  await page.getByTestId('audit-filters').scrollIntoViewIfNeeded();
  await shoot(page, 'audit-trail-filtered');
  await page.getByTestId('audit-filter-clear').click();
  await scrollToTop(page);

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('profile-sandbox')).toBeVisible();
  await shoot(page, 'settings');
  await expect(page.getByTestId('audit-fingerprint')).toBeVisible();
  await page.getByTestId('audit-settings').scrollIntoViewIfNeeded();
  await shoot(page, 'settings-audit');
});

test('@screenshots the expiry warning', async ({ browser }) => {
  const shortHost = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '600', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(shortHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await signInThroughBrowser(page, shortHost, () => page.getByTestId('sign-in-sandbox').click());
    await expect(page.getByTestId('expiry-banner-sandbox')).toBeVisible();
    await page.mouse.move(0, 0);
    await shoot(page, 'expiry-warning');
  } finally {
    await page.close();
    await shortHost.stop();
  }
});

test('@screenshots at a glance: the other sessions in the header, and a page whose host has gone', async ({ browser }) => {
  const partnerHost = await startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(partnerHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await signInToSandbox(page, partnerHost);
    await page.getByTestId('header-more').click();
    await expect(page.getByTestId('header-session-sandbox-partner')).toBeVisible();
    await shoot(page, 'header-more');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 480, height: 800 });
    await shoot(page, 'overview-480');
    await page.setViewportSize(viewport);
  } finally {
    await partnerHost.stop();
  }
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'gone', { timeout: 20_000 });
  await shoot(page, 'host-gone');
  await page.close();
});

test('@screenshots an HCSS partner sign-in and the companies it can act for', async ({ browser }) => {
  const partnerHost = await startBrowserHostProcess({ RPA_SANDBOX_PARTNER: '1', RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'practice-group') });
  // A context of its own: the Marketplace opens in a tab beside the app's page.
  const context = await browser.newContext(screenshotPageOptions);
  try {
    page = await context.newPage();
    await page.goto(partnerHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    // The practice group's second clinic has removed the app in the HCSS Marketplace, so the card
    // shows a refused company beside a live one.
    await setCompanyConsent(page, partnerHost, 'demo-clinic-1002', 'remove');
    await page.getByTestId('nav-settings').click();
    await connectCompanyWith(page, partnerHost, partnerProfile.name, { username: 'demo', password: 'demo-password' });
    await connectCompanyWith(page, partnerHost, partnerProfile.name, { username: 'demo-1002', password: 'demo-password' });
    await page.getByTestId('nav-overview').click();
    await expect(page.getByTestId('session-company-demo-clinic-1001')).toHaveAttribute('data-token', 'live');
    await expect(page.getByTestId('session-company-demo-clinic-1002')).toHaveAttribute('data-token', 'refused');
    const card = page.getByTestId(`session-card-${partnerProfile.id}`);
    // From the Sign-in heading, so the partner card is seen whole, beneath the Local sandbox's.
    await page.getByRole('heading', { name: 'Sign-in', exact: true }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await shoot(page, 'partner-session-companies', { subject: card, also: ['480'] });
  } finally {
    await context.close();
    await partnerHost.stop();
  }
});

test('@screenshots the queued runs list and a skipped scheduled run', async ({ browser }) => {
  const queueHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
  const scheduleHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: scheduledTestBotsDir });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(queueHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await signInThroughBrowser(page, queueHost, () => page.getByTestId('sign-in-sandbox').click());
    await setMaxConcurrentRuns(page, 1);
    for (const bot of [queueTestBots.screenEntry, queueTestBots.archive, queueTestBots.daily, queueTestBots.urgent]) await page.getByTestId(`start-${bot}`).click();
    await expect(page.locator('[data-testid="queued-runs"] .queued-run')).toHaveCount(3);
    await page.getByTestId('queued-runs').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await shoot(page, 'queued-runs');
    await page.close();

    page = await browser.newPage(screenshotPageOptions);
    await page.goto(scheduleHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await expect(page.getByTestId(`bot-schedule-last-${queueTestBots.tick}`)).toHaveAttribute('data-outcome', 'skipped');
    await page.getByTestId(`bot-${queueTestBots.tick}`).scrollIntoViewIfNeeded();
    await shoot(page, 'scheduled-run-skipped');
  } finally {
    await page.close();
    await queueHost.stop();
    await scheduleHost.stop();
  }
});
