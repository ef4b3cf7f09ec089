import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as client from 'openid-client';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { discoverSandbox, startAuthorization } from './test-support/sandbox-client.js';
import { openLoginPage } from './test-support/login-page-session.js';

const redirectUri = customSchemeRedirectUri('uk.co.rpasupervisor');

describe('the sandbox login page', () => {
  let sandbox: RunningSandbox;
  let config: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox();
    config = await discoverSandbox(sandbox);
  });
  afterAll(() => sandbox?.close());

  async function openFreshLoginPage() {
    const pending = await startAuthorization(config, redirectUri);
    return { pending, session: await openLoginPage(pending.url.href) };
  }

  test('has labelled Username and Password fields, Sign in and Cancel buttons, in UK English', async () => {
    const { session } = await openFreshLoginPage();

    expect(session.page.status).toBe(200);
    expect(session.html).toContain('<html lang="en-GB">');
    expect(session.html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username"/);
    expect(session.html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(session.html).toContain('<button type="submit">Sign in</button>');
    expect(session.html).toContain('<button type="submit">Cancel</button>');
    expect(session.html).toContain('RPA Supervisor');
  });

  test('loads nothing from outside and allows no script at all', async () => {
    const { session } = await openFreshLoginPage();

    expect(session.html).not.toMatch(/(src|href)=|https?:\/\/|@import|url\(/);
    expect(session.html).not.toContain('<script');
    const csp = session.page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(session.page.headers.get('cache-control')).toBe('no-store');
  });

  test('a wrong password shows the error and signs nobody in', async () => {
    const { session } = await openFreshLoginPage();

    const response = await session.post('login', { username: 'demo', password: 'demo-password-wrong' });

    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('The username or password is not right.');
    expect(html).toContain('value="demo"');
    expect(html).not.toContain('demo-password-wrong');
  });

  test('an unknown user with the demo password is refused too', async () => {
    const { session } = await openFreshLoginPage();
    const html = await (await session.post('login', { username: 'nobody', password: 'demo-password' })).text();
    expect(html).toContain('The username or password is not right.');
  });

  test('anything echoed back is HTML-escaped', async () => {
    const { session } = await openFreshLoginPage();

    const html = await (await session.post('login', { username: '"><script>alert(1)</script>', password: 'x' })).text();

    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  test('the right password finishes the interaction and the flow reaches the callback', async () => {
    const { pending, session } = await openFreshLoginPage();

    const login = await session.post('login', { username: 'demo', password: 'demo-password' });
    expect(login.status).toBe(303);
    const resume = await session.get(new URL(login.headers.get('location') as string, sandbox.issuer));

    const callback = new URL(resume.headers.get('location') as string);
    expect(callback.href.startsWith(`${redirectUri}?`)).toBe(true);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(pending.state);
  });

  test('Cancel answers the app with access_denied', async () => {
    const { pending, session } = await openFreshLoginPage();

    const abort = await session.post('abort', {});
    const resume = await session.get(new URL(abort.headers.get('location') as string, sandbox.issuer));

    const callback = new URL(resume.headers.get('location') as string);
    expect(callback.href.startsWith(`${redirectUri}?`)).toBe(true);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(pending.state);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);
    expect(callback.searchParams.get('code')).toBeNull();
  });

  test('a finished sign-in page cannot be used again', async () => {
    const { session } = await openFreshLoginPage();
    const login = await session.post('login', { username: 'demo', password: 'demo-password' });
    await session.get(new URL(login.headers.get('location') as string, sandbox.issuer));

    const again = await session.post('login', { username: 'demo', password: 'demo-password' });

    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This sign-in page has expired');
  });

  test('without the interaction cookie, or at an unknown address, the page refuses', async () => {
    const { session } = await openFreshLoginPage();

    const cookieless = await fetch(session.pageUrl, { redirect: 'manual' });
    expect(cookieless.status).toBe(400);
    expect(await cookieless.text()).toContain('This sign-in page has expired');

    expect((await fetch(`${session.pageUrl.href}/elsewhere`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${session.pageUrl.href}/login`, { redirect: 'manual' })).status).toBe(404);
  });

  test('a login sent as anything but a form is refused', async () => {
    const { session } = await openFreshLoginPage();
    const response = await session.post('login', { username: 'demo', password: 'demo-password' }, 'application/json');
    expect(response.status).toBe(415);
  });

  test('provider errors shown in the browser use the sandbox page, escaped', async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: 'https://evil.example/<b>', scope: 'openid' });

    const response = await fetch(url, { redirect: 'manual' });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('Sign-in could not continue');
    expect(html).not.toContain('<b>');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
