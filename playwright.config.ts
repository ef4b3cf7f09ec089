import { defineConfig } from '@playwright/test';
import { chromiumExecutablePath, testBrowserPath } from './app/test-support/prerequisites.js';

/**
 * e2e runs in Debian's chromium-headless-shell, or Debian's Chromium where the shell is not
 * installed (never `npx playwright install`; app/test-support/prerequisites.ts). The browser-host project drives
 * the real renderer over the real core; the electron project runs wherever Electron's binary
 * exists and reports itself skipped, with the reason, where it does not.
 */
export const chromiumLaunchOptions = {
  executablePath: testBrowserPath(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
};

/** The browser a Playwright bot is set to use, as an administrator sets it (Settings → Browser for Playwright bots). */
export const botBrowserPath = chromiumExecutablePath;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Builds the browser host once per run, as `npm run start:browser` does: each spec's hosts
  // start from that bundle instead of the sources through tsx (e2e/support/browser-host-bundle.ts).
  globalSetup: './e2e/support/browser-host-bundle.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    // Recording a trace snapshots the page at every action whether the test passes or not: on
    // 2 cores it cost about a third of the suite's time for files that nobody opens when it
    // passes. RPA_E2E_TRACE=1 records them again (kept for failed tests) when chasing a failure.
    trace: process.env.RPA_E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'browser-host', testMatch: /^(?!.*electron).*\.spec\.ts$/, testIgnore: ['electron/**'] },
    { name: 'electron', testDir: 'e2e/electron', testMatch: /.*\.spec\.ts$/ },
  ],
});
