import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisorState } from '../common/contract.js';
import { nullLogger } from '../ports/logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/**
 * Profile and company commands through the core facade, against a real sandbox with a
 * confidential partner client. The "system browser" completes the sandbox login over HTTP and
 * hands the callback to deep-link intake, as the OS would.
 */
const partner = { clientId: 'hcss-partner', clientSecret: 'partner-secret-for-tests' };
let sandbox: RunningSandbox;
let dataDir: string;
const secrets = new MemorySecretStore();
const settings = new MemorySettingsStore();
const supervisors: Supervisor[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ customSchemes: ['uk.co.rpasupervisor.dev'], confidentialClient: partner });
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-profile-commands-'));
});
afterAll(async () => {
  for (const supervisor of supervisors) await supervisor.shutdown();
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Supervisor> {
  const holder: { supervisor?: Supervisor } = {};
  const created = await createSupervisor({
    ports: {
      browser: {
        open: async (url) => {
          if (!url.startsWith(sandbox.issuer)) return;
          await holder.supervisor?.deliverRedirect(await sandbox.completeLoginWithoutBrowser(url));
        },
      },
      secrets,
      settings,
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: nullLogger,
    },
    dataDir,
    flavour: 'development',
    botsDir: join(dataDir, 'bots'),
  });
  holder.supervisor = created;
  supervisors.push(created);
  return created;
}

const hcss = () => ({
  id: 'hcss',
  name: 'HCSS (test)',
  preset: 'hcssPartner',
  issuer: sandbox.issuer,
  clientId: partner.clientId,
  scopes: ['openid', 'profile', 'api'],
});

async function waitFor(supervisor: Supervisor, predicate: (state: SupervisorState) => boolean): Promise<SupervisorState> {
  for (let i = 0; i < 200; i++) {
    const state = await supervisor.api.invoke('getState', {});
    if (predicate(state)) return state;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('state never matched');
}

describe('profile and company commands', () => {
  let supervisor: Supervisor;
  beforeAll(async () => {
    supervisor = await start();
  });

  it('saves a partner profile; the secret is stored but never shown', async () => {
    const view = await supervisor.api.invoke('saveProfile', { profile: hcss(), clientSecret: partner.clientSecret });
    expect(view).toMatchObject({ id: 'hcss', kind: 'partner', clientAuth: 'client_secret_basic', hasClientSecret: true, redirectUri: 'uk.co.rpasupervisor.dev://auth/callback' });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.profiles.map((p) => p.id)).toContain('hcss');
    expect(JSON.stringify(state)).not.toContain(partner.clientSecret);
    expect(JSON.stringify(settings.get('profiles'))).not.toContain(partner.clientSecret);
  });

  it('an invalid profile comes back with field errors', async () => {
    await expect(supervisor.api.invoke('saveProfile', { profile: { ...hcss(), issuer: 'not a url' } })).rejects.toMatchObject({
      code: 'profile_invalid',
      fields: { issuer: expect.any(String) },
    });
  });

  it('connecting a company signs the user in and lists the company', async () => {
    await supervisor.api.invoke('connectCompany', { profileId: 'hcss' });
    const state = await waitFor(supervisor, (s) => s.companies.length > 0);
    expect(state.companies).toEqual([
      expect.objectContaining({ profileId: 'hcss', companyId: 'demo-clinic-1001', connectedBy: { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' }, status: 'connected' }),
    ]);
    expect(state.sessions.find((s) => s.profileId === 'hcss')?.status).toBe('active');
  });

  it('only partner profiles connect companies; unknown companies cannot be removed', async () => {
    await expect(supervisor.api.invoke('connectCompany', { profileId: 'sandbox' })).rejects.toMatchObject({ code: /not_partner_profile|unknown_profile/ });
    await expect(supervisor.api.invoke('removeCompany', { profileId: 'hcss', companyId: 'nope' })).rejects.toMatchObject({ code: 'unknown_company' });
  });

  it('a restart keeps profiles, the stored-secret flag and companies', async () => {
    const restarted = await start();
    const state = await restarted.api.invoke('getState', {});
    expect(state.profiles.find((p) => p.id === 'hcss')).toMatchObject({ hasClientSecret: true });
    expect(state.companies.map((c) => c.companyId)).toEqual(['demo-clinic-1001']);
    await restarted.shutdown();
  });

  it('changing the client signs the session out; removing the company empties the list', async () => {
    await supervisor.api.invoke('saveProfile', { profile: { ...hcss(), clientId: 'another-client' } });
    let state = await supervisor.api.invoke('getState', {});
    expect(state.sessions.find((s) => s.profileId === 'hcss')?.status).toBe('signedOut');
    await supervisor.api.invoke('removeCompany', { profileId: 'hcss', companyId: 'demo-clinic-1001' });
    state = await supervisor.api.invoke('getState', {});
    expect(state.companies).toEqual([]);
  });

  it('imports part of a file and deletes profiles, but never the built-in sandbox', async () => {
    const result = await supervisor.api.invoke('importProfiles', {
      json: JSON.stringify({ profiles: [{ id: 'hc', name: 'Healthcode', preset: 'healthcodeProduction', clientId: 'rpa' }, { id: 'bad' }] }),
    });
    expect(result.imported.map((p) => p.id)).toEqual(['hc']);
    expect(result.errors.map((e) => `${e.index}:${e.field}`)).toEqual(expect.arrayContaining(['1:name', '1:clientId']));
    await supervisor.api.invoke('deleteProfile', { profileId: 'hc' });
    await supervisor.api.invoke('deleteProfile', { profileId: 'hcss' });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.profiles.map((p) => p.id)).toEqual([]);
    expect(await secrets.get('client-secret:hcss')).toBeUndefined();
    await expect(supervisor.api.invoke('signIn', { profileId: 'hcss' })).rejects.toMatchObject({ code: 'unknown_profile' });
    await expect(supervisor.api.invoke('deleteProfile', { profileId: 'sandbox' })).rejects.toMatchObject({ code: 'profile_builtin' });
  });
});
