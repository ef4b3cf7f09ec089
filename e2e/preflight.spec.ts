import { expect, test, type Page } from '@playwright/test';
import { startMisbehavingProvider, type MisbehavingProvider } from '../app/auth/test-support/misbehaving-provider.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { devScheme, skipWizard } from './support/sign-in.js';

/**
 * S55 on screen: a provider that answers the authorization request with a bare 403 (the real
 * sandbox behind the misbehaving-provider proxy, app/auth/test-support) is reported on the waiting
 * card within 2 s of clicking Sign in, naming the client id and redirect URI; the browser is not
 * sent to the error page until the user asks. Settings' Test connection says the same beforehand.
 */
let provider: MisbehavingProvider;
let host: BrowserHostProcess;
let page: Page;
let authorizationPath: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  provider = await startMisbehavingProvider({ customSchemes: [devScheme] });
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
  authorizationPath = new URL(discovery.authorization_endpoint).pathname;
  provider.rewrite(authorizationPath, () => ({ status: 403, contentType: 'text/html', body: '<h1>403 Forbidden</h1>' }));
  host = await startBrowserHostProcess();
  page = await browser.newPage();
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await page.getByTestId('nav-settings').click();
  const file = JSON.stringify({ profiles: [{ id: 'clinic', name: 'Clinic provider', preset: 'custom', issuer: provider.issuer, clientId: provider.sandbox.clientId, scopes: ['openid', 'api'] }] });
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'profiles.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  await provider?.close();
});

test('S55 Test connection in Settings reports the refusal before anyone signs in', async () => {
  await page.getByTestId('test-connection-clinic').click();
  const result = page.getByTestId('connection-result-clinic');
  await expect(result).toContainText('refused the sign-in request before showing its login page');
  await expect(result).toContainText('Error code: authorization_refused_before_login');
});

test('Test connection to an issuer nothing answers at names the issuer URL as typed first, then the network or proxy', async () => {
  // Port 9 on this computer: nothing listens, so the connection is refused as for a mistyped address.
  const file = JSON.stringify({ profiles: [{ id: 'typo', name: 'Mistyped provider', preset: 'custom', issuer: 'http://127.0.0.1:9/', clientId: 'typo-app' }] });
  await page.getByTestId('profile-import-file').setInputFiles({ name: 'typo.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('profile-import-count')).toHaveText('1 profile imported.');
  await page.getByTestId('test-connection-typo').click();
  const result = page.getByTestId('connection-result-typo');
  await expect(result.locator('.error-message__text')).toHaveText('The provider could not be reached. Check the issuer URL as typed, then your network or proxy.');
  await result.getByRole('button', { name: 'Details' }).click();
  await expect(result.locator('.error-message__detail')).toContainText('First check the issuer URL in the profile');
  await expect(result).toContainText('Error code: discovery_failed');
});

test('S55 a bare 403 shows on the waiting card within 2 s of clicking Sign in, and Continue opens the page on request', async () => {
  await page.getByTestId('nav-overview').click();
  const tabs: string[] = [];
  page.context().on('page', (tab) => tabs.push(tab.url()));
  await page.getByTestId('sign-in-clinic').click();
  const refusal = page.getByTestId('preflight-error-clinic');
  await expect(refusal).toContainText('HTTP 403', { timeout: 2_000 });
  await expect(refusal).toContainText(`"${provider.sandbox.clientId}"`);
  await expect(refusal).toContainText(`${devScheme}://auth/callback`);
  await expect(page.getByTestId('session-status-clinic')).toHaveText('Waiting for your browser…');
  expect(tabs).toEqual([]);

  const opened = page.context().waitForEvent('page');
  await page.getByTestId('continue-in-browser-clinic').click();
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  expect(tab.url()).toContain(`${provider.issuer}${authorizationPath}`);
  await tab.close();
});
