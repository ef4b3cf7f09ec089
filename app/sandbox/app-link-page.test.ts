import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type * as client from 'openid-client';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { appLinkScript, appLinkScriptPath, isAppLink, readAppLinkFromPage, renderAppLinkPage } from './app-link-page.js';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { openLoginPage } from './test-support/login-page-session.js';
import { discoverSandbox, redeemCallback, startAuthorization } from './test-support/sandbox-client.js';

const appLinkRedirect = customSchemeRedirectUri('uk.co.rpasupervisor.dev');

/** Logs the demo user in and follows the provider's own redirects to its last answer. */
async function lastAnswer(config: client.Configuration, redirectUri: string) {
  const pending = await startAuthorization(config, redirectUri);
  const session = await openLoginPage(pending.url.href);
  let response = await session.post('login', { username: 'demo', password: 'demo-password' });
  for (let hop = 0; hop < 5; hop += 1) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location || !location.startsWith('http://127.0.0.1')) break;
    const next = new URL(location, session.pageUrl);
    if (next.pathname === '/callback') break;
    response = await session.get(next);
  }
  return { pending, response };
}

describe('the sandbox page that shows an app link (appLinkPage)', () => {
  let sandbox: RunningSandbox;
  let config: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox({ appLinkPage: true });
    config = await discoverSandbox(sandbox);
  });
  afterAll(() => sandbox?.close());

  test('shows the app link with a Copy button and what to do, instead of a redirect the browser cannot follow', async () => {
    const { pending, response } = await lastAnswer(config, appLinkRedirect);

    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('Paste the link your browser could not open');
    expect(html).toContain('id="copy-app-link"');
    const link = readAppLinkFromPage(html);
    expect(link).toMatch(/^uk\.co\.rpasupervisor\.dev:\/\/auth\/callback\?code=[\w-]+&state=/);
    // The link on the page is the real answer: it redeems.
    const tokens = await redeemCallback(config, link as string, pending);
    expect(tokens.access_token).toBeTruthy();
  });

  test('keeps the strict CSP: no inline script, the Copy script only from its own origin', async () => {
    const { response } = await lastAnswer(config, appLinkRedirect);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';

    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(html).toContain(`<script src="${appLinkScriptPath}" defer></script>`);
    const script = await fetch(`${sandbox.serverUrl}${appLinkScriptPath}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe(appLinkScript);
  });

  test('a loopback redirect is still a plain redirect', async () => {
    const { response } = await lastAnswer(config, 'http://127.0.0.1:51234/callback');

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:51234\/callback\?code=/);
  });
});

describe('a sandbox without appLinkPage', () => {
  test('redirects to the app link, for the operating system to hand to the app', async () => {
    const sandbox = await startSandbox();
    try {
      const { response } = await lastAnswer(await discoverSandbox(sandbox), appLinkRedirect);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^uk\.co\.rpasupervisor\.dev:\/\/auth\/callback\?code=/);
      expect((await fetch(`${sandbox.serverUrl}${appLinkScriptPath}`)).status).not.toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('renderAppLinkPage', () => {
  test('escapes the link and reads it back unchanged', () => {
    const link = 'uk.co.rpasupervisor.dev://auth/callback?code=a"b<c>&state=s\'t';
    const { html } = renderAppLinkPage(link);
    expect(html).not.toContain('a"b<c>');
    expect(readAppLinkFromPage(html)).toBe(link);
  });

  test('isAppLink: custom schemes only', () => {
    expect(isAppLink('uk.co.rpasupervisor://auth/callback?code=x')).toBe(true);
    expect(isAppLink('https://bounce.example.org/cb?code=x')).toBe(false);
    expect(isAppLink('http://127.0.0.1:4000/callback')).toBe(false);
    expect(isAppLink('/interaction/abc')).toBe(false);
  });
});
