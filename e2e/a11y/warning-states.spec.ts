import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from '../support/browser-host-process.js';
import { demoUser, devScheme, signInThroughBrowser, skipWizard } from '../support/sign-in.js';
import { testBots, testBotsDir } from '../support/test-bots.js';
import { seriousViolations, type AccessibilityProblem } from './check-accessibility.js';

/**
 * Accessibility of the warning and error states, in light and dark, with 90-second sandbox
 * tokens: a sign-in the provider refused, the header and banner at the last expiry warning
 * (with a refused bot start and an env-token warning beside them), and the audit trail when its
 * hash chain is broken. Each state is real: the refusal is the provider's error redirect handed
 * over by the launcher, and the broken chain is an edit to the trail's file on disk.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess({ RPA_SANDBOX_TTL_SECONDS: '90', RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('warning and error states pass axe in light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: AccessibilityProblem[] = [];
  const check = async (screen: string) => {
    problems.push(...(await seriousViolations(page, screen)));
  };

  await page.goto(host.pageUrl);
  await skipWizard(page);

  // A sign-in the provider refused: the card shows the catalogue message with its code.
  const loginTabPromise = page.context().waitForEvent('page');
  await page.getByTestId('sign-in-sandbox').click();
  await (await loginTabPromise).close();
  const link = (await page.getByTestId('sign-in-link-sandbox').textContent()) ?? '';
  const state = new URL(link).searchParams.get('state');
  expect(state, link).toBeTruthy();
  // The provider's own refusal carries its iss (RFC 9207), as the sandbox's Cancel sends it.
  const issuer = /Local sandbox provider: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
  expect(issuer, host.output()).toBeDefined();
  const refusal = await host.handOff(`${devScheme}://auth/callback?error=access_denied&error_description=The+user+said+no&state=${state}&iss=${encodeURIComponent(issuer ?? '')}`);
  // The launcher says why and exits non-zero on a refusal.
  expect(refusal.code, refusal.output).toBe(1);
  expect(refusal.output).toContain('(error code provider_refused)');
  await expect(page.getByTestId('session-status-sandbox')).toHaveText('Sign-in failed');
  await expect(page.getByTestId('session-error-sandbox')).toHaveAttribute('data-code', 'provider_refused');
  await expect(page.getByTestId('header-session-sandbox')).toHaveClass(/header-session--danger/);
  await check('sign-in failed');

  // The last expiry warning, a refused start with Re-authenticate, and an env-token warning.
  await signInThroughBrowser(page, host, () => page.getByTestId('sign-in-sandbox').click());
  await expect(page.getByTestId('header-session-sandbox')).toHaveAttribute('data-stage', 'final');
  await expect(page.getByTestId('expiry-banner-sandbox')).toBeVisible();
  await expect(page.getByTestId(`reauthenticate-for-${testBots.long}`)).toBeVisible();
  await expect(page.getByTestId(`token-delivery-warning-${testBots.envToken}`)).toBeVisible();
  await check('overview: last expiry warning, refused start, env-token warning');

  // The audit trail with a broken chain: one character of a sealed record changed in place
  // (the core reads the file it has open, so the edit must not replace the file).
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table').locator('tr[data-type="signedIn"]').first()).toBeVisible();
  await tamperWithAuditTrail(join(host.dataDir, 'audit', 'audit.jsonl'), demoUser.name);
  await page.getByTestId('audit-refresh').click();
  const verification = page.getByTestId('audit-verification');
  await expect(verification).toHaveAttribute('data-ok', 'false');
  await expect(verification).toContainText('Tampering detected');
  await check('audit trail: tampering detected');

  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

/** Changes the last letter of the first occurrence of `text` in the file, keeping its length. */
async function tamperWithAuditTrail(path: string, text: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const content = (await file.readFile()).toString('utf8');
    const at = content.indexOf(text);
    expect(at, `"${text}" in the audit trail`).toBeGreaterThanOrEqual(0);
    const offset = Buffer.byteLength(content.slice(0, at + text.length - 1), 'utf8');
    const last = text.at(-1) === 'x' ? 'y' : 'x';
    await file.write(last, offset, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}
