import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../ports/logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/**
 * openPastedLink: the waiting card's paste box. The link goes through the one deep-link parser
 * and the same intake as every other route, against the real sandbox; nothing it carries is
 * logged or sent back.
 */
let supervisor: Supervisor;
let dataDir: string;
const logged: string[] = [];
const logger: Logger = {
  info: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
  warn: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
  error: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-link-commands-'));
  supervisor = await createSupervisor({
    ports: { browser: { open: async () => undefined }, secrets: new MemorySecretStore(), settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger },
    dataDir,
    flavour: 'development',
    botsDir: join(dataDir, 'bots'),
    sandbox: {},
  });
});
afterAll(async () => {
  await supervisor?.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

async function pastedAnswer(): Promise<string> {
  const { authorizationUrl } = await supervisor.api.invoke('signIn', { profileId: 'sandbox' });
  return (supervisor.sandbox as NonNullable<Supervisor['sandbox']>).completeLoginWithoutBrowser(authorizationUrl);
}

describe('openPastedLink', () => {
  it('signs in with the pasted link and says who; S5 the same link again is refused', async () => {
    const link = await pastedAnswer();
    const code = new URL(link).searchParams.get('code') as string;

    const result = await supervisor.api.invoke('openPastedLink', { url: `  ${link}\n`.trim() });
    expect(result).toMatchObject({ kind: 'signedIn', profileId: 'sandbox', profileName: 'Local sandbox', user: { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' } });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.sessions.find((session) => session.profileId === 'sandbox')?.status).toBe('active');

    const replay = await supervisor.api.invoke('openPastedLink', { url: link });
    expect(replay).toMatchObject({ kind: 'refused', error: { code: 'no_pending_sign_in' } });
    expect(JSON.stringify(replay)).not.toContain(code);
    expect(logged.join('\n')).not.toContain(code);
  });

  it('S8 a link of another scheme, or with userinfo, is refused by the parser before any OAuth code', async () => {
    for (const url of ['https://evil.example/auth/callback?code=x&state=y', 'uk.co.rpasupervisor://auth/callback?code=x&state=y', 'uk.co.rpasupervisor.dev://user@auth/callback?code=x&state=y']) {
      const result = await supervisor.api.invoke('openPastedLink', { url });
      expect(result, url).toMatchObject({ kind: 'refused', error: { code: 'invalid_redirect' } });
    }
  });

  it('S4 a link for another sign-in is refused, and the waiting one keeps waiting', async () => {
    await supervisor.api.invoke('signOut', { profileId: 'sandbox' });
    await supervisor.api.invoke('signIn', { profileId: 'sandbox' });
    const result = await supervisor.api.invoke('openPastedLink', { url: 'uk.co.rpasupervisor.dev://auth/callback?code=forged&state=not-ours' });
    expect(result).toMatchObject({ kind: 'refused', error: { code: 'state_mismatch' } });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.sessions.find((session) => session.profileId === 'sandbox')?.status).toBe('waitingForBrowser');
    await supervisor.api.invoke('cancelSignIn', { profileId: 'sandbox' });
  });

  it('answers the link test, and refuses a stale link-test link', async () => {
    const { url } = await supervisor.api.invoke('startSelfTest', {});
    await expect(supervisor.api.invoke('openPastedLink', { url })).resolves.toEqual({ kind: 'selfTestPassed' });
    await expect(supervisor.api.invoke('openPastedLink', { url })).resolves.toMatchObject({ kind: 'refused', error: { code: 'self_test_link_stale' } });
  });
});
