import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { chromiumMissing } from '../test-support/prerequisites.js';
import { chromiumLaunchOptions, loginInChromium } from './test-support/browser-login.js';
import { callWhoAmI, discoverSandbox, redeemCallback, startAuthorization } from './test-support/sandbox-client.js';

describe.skipIf(chromiumMissing())('sign-in through the login page in Chromium', () => {
  const redirectUri = customSchemeRedirectUri('uk.co.rpasupervisor');
  let sandbox: RunningSandbox;
  let browser: Browser;

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startSandbox(), chromium.launch(chromiumLaunchOptions)]);
  });
  afterAll(async () => {
    await Promise.all([sandbox?.close(), browser?.close()]);
  });

  test('a person signs in and the custom-scheme callback redeems to a working token', async () => {
    const config = await discoverSandbox(sandbox);
    const pending = await startAuthorization(config, redirectUri);

    const callbackUrl = await loginInChromium(pending.url.href, sandbox.demoUser, { expectRedirectPrefix: redirectUri, browser });

    const callback = new URL(callbackUrl);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);
    expect(callback.searchParams.get('state')).toBe(pending.state);
    const tokens = await redeemCallback(config, callbackUrl, pending);
    expect(tokens.expires_in).toBe(86_400);
    const response = await callWhoAmI(sandbox, tokens.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ subject: sandbox.demoUser.subject, name: 'Dr Demo Supervisor' });
  });

  test('the helper launches its own browser and follows a loopback redirect to a real listener', async () => {
    const listener = createServer((_req, res) => res.end('You can close this tab.'));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const loopbackUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`;
      const config = await discoverSandbox(sandbox);
      const pending = await startAuthorization(config, loopbackUri);

      const callbackUrl = await loginInChromium(pending.url.href, sandbox.demoUser);

      expect(callbackUrl.startsWith(`${loopbackUri}?`)).toBe(true);
      expect((await redeemCallback(config, callbackUrl, pending)).access_token).toMatch(/^ey/);
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  test('a wrong password is reported instead of waiting for a callback', async () => {
    const config = await discoverSandbox(sandbox);
    const pending = await startAuthorization(config, redirectUri);

    const attempt = loginInChromium(pending.url.href, { username: 'demo', password: 'not-the-password' }, { browser, expectRedirectPrefix: redirectUri });

    await expect(attempt).rejects.toThrow(/wrong username or password/);
  });

  test('the claims portal loads claims with the bearer token a bot adds, and says so without one', async () => {
    const config = await discoverSandbox(sandbox);
    const pending = await startAuthorization(config, redirectUri);
    const tokens = await redeemCallback(config, await sandbox.completeLoginWithoutBrowser(pending.url.href), pending);
    const portalUrl = `${sandbox.issuer}/portal`;

    const signedIn = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${tokens.access_token}` } });
    const anonymous = await browser.newContext();
    try {
      const page = await signedIn.newPage();
      const cspViolations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
      });
      await page.goto(portalUrl);
      await page.getByRole('button', { name: 'Load my claims' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('4 claims loaded.');
      expect(await page.getByRole('table', { name: 'Claims' }).textContent()).toContain('CLM-1001');
      expect(cspViolations).toEqual([]);

      const anonymousPage = await anonymous.newPage();
      await anonymousPage.goto(portalUrl);
      await anonymousPage.getByRole('button', { name: 'Load my claims' }).click();
      await expect.poll(() => anonymousPage.getByRole('status').textContent()).toContain('Not signed in');
    } finally {
      await Promise.all([signedIn.close(), anonymous.close()]);
    }
  });
});
