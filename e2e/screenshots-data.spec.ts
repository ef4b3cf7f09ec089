import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { dismissMemoryOnlyNotice, screenshotSpec, screenshotPageOptions, shoot } from './support/screenshot-kit.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * @screenshots of patient data and this installation (issue 14, and the data folder of issue 12),
 * made by `npm run screenshots` like the others (and walked by every test run): a run whose log had patient identifiers hidden,
 * with the markers and the count in its detail; the profile editor's patient-data settings
 * (identifiers, screenshots off with the warning, retention); and Settings → This installation
 * with the data folder.
 */
screenshotSpec();

let host: BrowserHostProcess;
let page: Page;

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'patient-data') });
  page = await browser.newPage(screenshotPageOptions);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

test('@screenshots what redaction hid from a run log, the patient-data settings and the data folder', async () => {
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await dismissMemoryOnlyNotice(page);
  await signInToSandbox(page, host);
  await page.getByTestId('start-patient-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-redactions')).toHaveText('2 NHS numbers, 1 date of birth, 1 postcode');
  await page.mouse.move(0, 0);
  const detail = page.getByTestId('run-log-panel');
  await detail.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'run-redactions', { subject: detail, also: ['480'] });

  await page.getByTestId('nav-settings').click();
  const installation = page.getByTestId('host-info');
  await expect(page.getByTestId('host-data-dir')).toHaveText(host.dataDir);
  await installation.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'settings-data-folder', { subject: installation });

  await page.getByTestId('add-profile').click();
  const patientData = page.getByTestId('profile-patientData');
  await expect(page.getByTestId('profile-screenshots')).toBeVisible();
  await patientData.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'profile-patient-data', { subject: patientData, also: ['dark'] });
});
