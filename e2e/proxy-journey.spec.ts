import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { clinicNetworkMissing, startClinicProvider } from '../app/network/test-support/clinic-provider.js';
import type { PrivateCa } from '../app/network/test-support/private-ca.js';
import { startTinyproxy, type RunningTinyproxy } from '../app/network/test-support/tinyproxy.js';
import type { RunningSandbox } from '../app/sandbox/sandbox-provider.js';
import { botBrowserPath } from '../playwright.config.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { devScheme } from './support/sign-in.js';

/**
 * The whole clinic journey through a real forward proxy (S50), in the browser host: the
 * Healthcode-shaped sandbox (https with a private root, client_secret_basic, no `openid` scope,
 * a JWT access token, no refresh token, no `iss` in the response) with a four-minute token
 * (inside the last, five-minute warning, yet long enough for both bots on a busy machine),
 * reached by the app and its bots only through Debian's tinyproxy. An admin sets it up in the wizard,
 * signs in, sees the expiry warning, runs a Node bot that calls the API and a Playwright bot that
 * loads the provider's claims portal in Chromium; the proxy's access log shows the app's and each
 * bot's tunnels to the provider, and nothing of this computer's own.
 * The person's browser reaches the provider directly: only the app's traffic is under test.
 */
const skip = clinicNetworkMissing;
const partner = { clientId: 'healthcode-clinic', clientSecret: 'healthcode-clinic-secret-for-e2e' };
const profileId = 'custom';
const botId = 'clinic-api-bot';
const portalBotId = 'clinic-portal-bot';

let ca: PrivateCa;
let sandbox: RunningSandbox;
let proxy: RunningTinyproxy;
let host: BrowserHostProcess;
let botsDir: string;
let context: BrowserContext;
let page: Page;

test.describe.configure({ mode: 'serial' });
test.skip(skip, 'tinyproxy and openssl are not installed (apt-get install tinyproxy openssl)');

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  ({ ca, sandbox } = await startClinicProvider({ scheme: devScheme, partner, accessTokenTtlSeconds: 240 }));
  proxy = await startTinyproxy();
  botsDir = mkdtempSync(join(tmpdir(), 'rpa-proxy-bots-'));
  writeFileSync(
    join(botsDir, `${botId}.bot.json`),
    JSON.stringify({
      id: botId,
      name: 'Who am I through the clinic proxy',
      description: 'Calls the provider’s API with the supervisor’s token.',
      command: 'node',
      args: [resolve(import.meta.dirname, '..', 'bots', 'api-bot', 'api-bot.mjs')],
      profileId,
      tokenDelivery: 'broker',
      env: { RPA_SANDBOX_API_URL: sandbox.apiBaseUrl },
      timeoutMs: 60_000,
    }),
  );
  writeFileSync(
    join(botsDir, `${portalBotId}.bot.json`),
    JSON.stringify({
      id: portalBotId,
      name: 'Claims portal through the clinic proxy',
      description: 'Loads the provider’s claims portal in Chromium with the supervisor’s token.',
      command: 'node',
      args: [resolve(import.meta.dirname, 'support', 'test-bots', 'proxy', 'portal-bot.mjs')],
      profileId,
      tokenDelivery: 'broker',
      env: { RPA_PORTAL_URL: sandbox.portalUrl, RPA_TEST_SERVER_SPKI: spkiOf(ca.cert) },
      timeoutMs: 60_000,
    }),
  );
  host = await startBrowserHostProcess({
    HTTPS_PROXY: proxy.url,
    NO_PROXY: '',
    NODE_EXTRA_CA_CERTS: ca.caFile,
    RPA_SUPERVISOR_BOTS_DIR: botsDir,
    RPA_BROWSER_PATH: botBrowserPath,
  });
  context = await browser.newContext({ ignoreHTTPSErrors: true });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  await proxy?.stop();
  await sandbox?.close();
  ca?.dispose();
  if (botsDir) rmSync(botsDir, { recursive: true, force: true });
});

/** Chromium's form of a certificate's key: base64 of the SHA-256 of its SubjectPublicKeyInfo. */
function spkiOf(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

const providerHost = () => new URL(sandbox.issuer).host;
const tunnels = () => proxy.requests().filter((line) => line.startsWith(`CONNECT ${providerHost()} `)).length;

test('S50 wizard → sign-in → expiry warning → Node bot → Playwright bot, every provider request through the proxy', async () => {
  test.setTimeout(150_000);
  await page.goto(host.pageUrl);
  const wizard = page.getByTestId('wizard');
  const next = () => wizard.getByTestId('wizard-next').click();
  await wizard.getByRole('radio', { name: 'Another OpenID Connect provider' }).check();
  await next();
  // A development build offers a live provider loopback or the bounce page, never its app link.
  await expect(wizard.getByTestId('wizard-redirect-uri')).toHaveText('http://127.0.0.1/callback');
  await next();
  await wizard.getByTestId('wizard-name').getByRole('textbox').fill('Healthcode (clinic network)');
  await wizard.getByTestId('wizard-issuer').getByRole('textbox').fill(sandbox.issuer);
  await wizard.getByTestId('wizard-clientId').getByRole('textbox').fill(partner.clientId);
  await wizard.getByTestId('wizard-clientSecret').getByLabel(/secret/i).fill(partner.clientSecret);
  await expect(wizard.getByTestId('wizard-auth-switched')).toContainText('client_secret_basic');
  await wizard.getByTestId('wizard-scopes').getByRole('textbox').fill('api');
  const beforeSignIn = tunnels();
  await next();
  await expect(wizard.getByTestId('wizard-error')).toHaveCount(0);
  await next();
  await expect(wizard.getByTestId('wizard-step-title')).toHaveText('Sign in');

  // The provider's page opens in the person's browser; the answer comes back on loopback.
  const loginTabPromise = context.waitForEvent('page');
  await wizard.getByTestId(`sign-in-${profileId}`).click();
  const loginTab = await loginTabPromise;
  await loginTab.getByLabel('Username').fill(sandbox.demoUser.username);
  await loginTab.getByLabel('Password').fill(sandbox.demoUser.password);
  await loginTab.getByRole('button', { name: 'Sign in' }).click();
  await expect(wizard.getByTestId('wizard-signed-in')).toBeVisible({ timeout: 20_000 });
  await loginTab.close();
  await wizard.getByTestId('wizard-finish').click();
  // Discovery, pre-flight, keys and the token request went through the proxy.
  expect(tunnels()).toBeGreaterThan(beforeSignIn);

  // The four-minute token is inside the last warning threshold at once.
  await expect(page.getByTestId(`session-status-${profileId}`)).toHaveText('Expiring soon');
  await expect(page.getByTestId(`expiry-banner-${profileId}`)).toContainText('Re-authenticate');
  await expect(page.getByTestId(`header-session-${profileId}`)).toHaveAttribute('data-status', 'expiring');

  // The bot inherits the proxy and the clinic root; its API call is a tunnel of its own.
  const beforeBot = tunnels();
  await page.getByTestId(`start-${botId}`).click();
  await expect(page.getByTestId(`bot-status-${botId}`)).toHaveText('Succeeded', { timeout: 30_000 });
  expect(tunnels()).toBeGreaterThan(beforeBot);

  // The Playwright bot's browser and its token-carrying API calls leave through the proxy too.
  const beforePortal = tunnels();
  await page.getByTestId(`start-${portalBotId}`).click();
  await expect(page.getByTestId(`bot-status-${portalBotId}`)).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('run-log')).toContainText('Portal through the proxy: 4 claims loaded.');
  expect(tunnels()).toBeGreaterThan(beforePortal);
  // This computer's own addresses (the page, the broker, the loopback answer) never took the proxy.
  expect(proxy.requests().some((line) => /127\.0\.0\.1|localhost/.test(line))).toBe(false);
});
