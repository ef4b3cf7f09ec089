import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupervisorHarness, type SupervisorHarness } from './bots/testing/supervisor-harness.js';
import type { SupervisorState } from './common/contract.js';
import { accessTokenFormats } from './sandbox/sandbox-settings.js';
import { chromiumLaunchOptions, loginInChromium } from './sandbox/test-support/browser-login.js';

/**
 * The walking skeleton through the core facade, on real parts: the sandbox provider, Chromium
 * doing the login, the custom-scheme callback handed to deep-link intake, a real bot process
 * fetching the token from the real broker and calling the demo API. It runs once with JWT access
 * tokens (checked against the JWKS) and once with opaque ones (checked by introspection), so that
 * nothing, the leak check included, depends on a token looking like a JWT.
 */
const botsDir = join(import.meta.dirname, '..', 'bots');

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
});

const sandboxSession = (state: SupervisorState) => state.sessions.find((s) => s.profileId === 'sandbox');

describe.each(accessTokenFormats)('walking skeleton through the core (%s access tokens)', (accessTokenFormat) => {
  let harness: SupervisorHarness;

  beforeAll(async () => {
    harness = await startSupervisorHarness({
      botsDir,
      accessTokenFormat,
      // The system browser is real Chromium; its custom-scheme redirect goes to deep-link intake,
      // as the OS would deliver it.
      login: (url, supervisor) =>
        loginInChromium(url, { username: 'demo', password: 'demo-password' }, { browser, expectRedirectPrefix: `${supervisor.scheme}://` }),
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('signs in through Chromium; the custom-scheme callback makes the session active for ~24 h', async () => {
    const started = await harness.supervisor.api.invoke('signIn', { profileId: 'sandbox' });
    expect(new URL(started.authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const state = await harness.waitForState((s) => sandboxSession(s)?.status === 'active', 'the session to become active');
    const session = sandboxSession(state);
    expect(session?.user).toEqual({ subject: 'demo-user-0001', name: 'Dr Demo Supervisor' });
    expect(Math.abs((session?.expiresAt ?? 0) - (Date.now() + 86_400_000))).toBeLessThan(60_000);
  });

  it('S4 a forged callback (wrong state) is rejected, and S5 a replayed one is ignored', async () => {
    const { supervisor, callbacks } = harness;
    const before = sandboxSession(await supervisor.api.invoke('getState', {}));
    const real = new URL(callbacks.at(-1) as string);
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged');
    await supervisor.deliverRedirect(forged.href);
    await supervisor.deliverRedirect(real.href);
    const after = await supervisor.api.invoke('getState', {});
    expect(sandboxSession(after)).toEqual(before);
    expect(after.notices.map((n) => n.code)).toContain('invalid_redirect');
    expect(JSON.stringify(after.notices)).not.toContain(real.searchParams.get('code'));
  });

  it('a bot gets the token from the broker and calls the protected API', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-bot' });
    const ended = await harness.waitForRunEnd(run.id, 20_000);
    expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0, supervisor: { subject: 'demo-user-0001' } });
    expect(await harness.logText(run.id)).toMatch(/Authorised as Dr Demo Supervisor \(demo-user-0001\)/);
  });

  it('after sign-out a bot start is refused', async () => {
    const { api } = harness.supervisor;
    await api.invoke('signOut', { profileId: 'sandbox' });
    await expect(api.invoke('startRun', { botId: 'api-bot' })).rejects.toMatchObject({ code: 'not_signed_in' });
    const state = await api.invoke('getState', {});
    expect(sandboxSession(state)?.status).toBe('signedOut');
    expect(state.bots.find((b) => b.id === 'api-bot')?.startBlockedReason?.code).toBe('not_signed_in');
  });

  it('S30 no token or code the provider issued appears in any file the app wrote, nor in the state sent to the renderer', async () => {
    expect(await harness.files()).not.toEqual([]);
    const kinds = harness.secrets().map((secret) => secret.what.replace(/ \d+$/, ''));
    expect(new Set(kinds)).toEqual(new Set(['access token', 'ID token', 'authorization code']));
    expect(await harness.leaks()).toEqual([]);
  });
});
