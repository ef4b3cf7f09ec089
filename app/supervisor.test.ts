import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtPattern, startSupervisorHarness, type SupervisorHarness } from './bots/testing/supervisor-harness.js';
import type { SupervisorState } from './common/contract.js';
import { chromiumLaunchOptions, loginInChromium } from './sandbox/test-support/browser-login.js';

/**
 * The walking skeleton through the core facade, on real parts: the sandbox provider, Chromium
 * doing the login, the custom-scheme callback handed to deep-link intake, a real bot process
 * fetching the token from the real broker and calling the JWKS-checking demo API.
 */
const botsDir = join(import.meta.dirname, '..', 'bots');

let browser: Browser;
let harness: SupervisorHarness;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
  harness = await startSupervisorHarness({
    botsDir,
    // The system browser is real Chromium; its custom-scheme redirect goes to deep-link intake,
    // as the OS would deliver it.
    login: (url, supervisor) =>
      loginInChromium(url, { username: 'demo', password: 'demo-password' }, { browser, expectRedirectPrefix: `${supervisor.scheme}://` }),
  });
});

afterAll(async () => {
  await harness?.close();
  await browser?.close();
});

const sandboxSession = (state: SupervisorState) => state.sessions.find((s) => s.profileId === 'sandbox');

describe('walking skeleton through the core', () => {
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

  it('S30 no token appears in any file the app wrote, nor in the state sent to the renderer', async () => {
    const files = await harness.files();
    expect(files.length).toBeGreaterThan(0);
    const codes = harness.callbacks.map((callback) => new URL(callback).searchParams.get('code') as string);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect({ file, token: jwtPattern.test(text), code: codes.some((code) => text.includes(code)) }).toEqual({ file, token: false, code: false });
    }
    expect(jwtPattern.test(JSON.stringify(await harness.supervisor.api.invoke('getState', {})))).toBe(false);
  });
});
