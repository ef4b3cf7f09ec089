import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildFlavour } from '../config/app-identity.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import { readMachinePolicy, type MachinePolicyState } from './read-machine-policy.js';

/**
 * What the app DOES with each kind of machine policy, through the real composition root: no
 * policy, a valid permissive file, a valid locked-down file and a broken file (S56). The sample
 * bots folder and the e2e test bots (one of which asks for its token in the environment) are the
 * real ones.
 */
const repoRoot = resolve(import.meta.dirname, '..', '..');
const sampleBots = join(repoRoot, 'bots');
const testBots = join(repoRoot, 'e2e', 'support', 'test-bots');

const healthcodeUat = { id: 'healthcode-uat', name: 'Healthcode (UAT)', preset: 'healthcodeUat', issuer: 'https://auth.uat.healthcode.co.uk', clientId: 'clinic-rpa' };
const userProfile = { id: 'my-idp', name: 'My IdP', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'mine' };

let dir: string;
const open: Supervisor[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-apply-policy-'));
});
afterAll(async () => {
  await Promise.all(open.map((supervisor) => supervisor.shutdown()));
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function policyFrom(content: string | undefined): Promise<MachinePolicyState> {
  const path = join(dir, `policy-${(files += 1)}.json`);
  if (content !== undefined) {
    await writeFile(path, content);
    await chmod(path, 0o644);
  }
  return readMachinePolicy(path, { platform: 'linux', currentUid: process.getuid?.() });
}

async function start(options: { flavour: BuildFlavour; policy: MachinePolicyState; botsDir?: string }): Promise<Supervisor> {
  const supervisor = await createSupervisor({
    ports: { browser: { open: async () => undefined }, secrets: new MemorySecretStore(), settings: new MemorySettingsStore(), clock: systemClock, notifier: { notify: () => undefined }, logger: nullLogger },
    dataDir: await mkdtemp(join(dir, 'data-')),
    flavour: options.flavour,
    botsDir: options.botsDir ?? sampleBots,
    // What every host asks for; demo mode decides whether it is honoured.
    sandbox: {},
    policy: options.policy,
  });
  open.push(supervisor);
  return supervisor;
}

describe('production and demo are separate', () => {
  it('a production composition without a policy has no sandbox, no demo bots, and does not offer the sandbox', async () => {
    const supervisor = await start({ flavour: 'production', policy: await policyFrom(undefined) });
    const state = await supervisor.api.invoke('getState', {});
    expect(supervisor.sandbox).toBeUndefined();
    expect(state.profiles.map((p) => p.preset)).not.toContain('sandbox');
    expect(state.bots).toEqual([]);
    expect(state.host.sandboxOffered).toBe(false);
    expect(state.host.policy.source).toBe('none');
  });

  it('a production composition whose policy turns demo mode on has the sandbox and the demo bots', async () => {
    const supervisor = await start({ flavour: 'production', policy: await policyFrom(JSON.stringify({ version: 1, demoMode: true })) });
    const state = await supervisor.api.invoke('getState', {});
    expect(supervisor.sandbox).toBeDefined();
    expect(state.profiles.map((p) => p.id)).toContain('sandbox');
    expect(state.bots.map((b) => b.id).sort()).toEqual(['api-bot', 'api-loop-bot', 'portal-bot']);
    expect(state.host.sandboxOffered).toBe(true);
  });

  it('development (npm start, the browser host) keeps the sandbox and the demo bots by default', async () => {
    const supervisor = await start({ flavour: 'development', policy: await policyFrom(undefined) });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.host.sandboxOffered).toBe(true);
    expect(state.bots.map((b) => b.id)).toContain('api-bot');
  });
});

describe('a valid policy is applied', () => {
  it('administrator profiles appear locked; no user profile may take their id', async () => {
    const policy = await policyFrom(JSON.stringify({ version: 1, profiles: [healthcodeUat] }));
    const supervisor = await start({ flavour: 'production', policy });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.profiles.find((p) => p.id === 'healthcode-uat')).toMatchObject({ locked: true, builtIn: false, name: 'Healthcode (UAT)' });
    expect(state.host.policy).toMatchObject({ source: 'file', allowUserProfiles: true });
    await expect(supervisor.api.invoke('saveProfile', { profile: { ...healthcodeUat, clientId: 'changed' } })).rejects.toMatchObject({ code: 'profile_locked' });
    await expect(supervisor.api.invoke('deleteProfile', { profileId: 'healthcode-uat' })).rejects.toMatchObject({ code: 'profile_locked' });
    const imported = await supervisor.api.invoke('importProfiles', { json: JSON.stringify([{ ...healthcodeUat, clientId: 'shadow' }]) });
    expect(imported).toMatchObject({ imported: [], errors: [{ index: 0, field: 'id' }] });
    const after = await supervisor.api.invoke('getState', {});
    expect(after.profiles.filter((p) => p.id === 'healthcode-uat')).toMatchObject([{ clientId: 'clinic-rpa' }]);
    // Users may still add their own profiles beside the administrator's.
    await supervisor.api.invoke('saveProfile', { profile: userProfile });
    expect((await supervisor.api.invoke('getState', {})).profiles.map((p) => p.id)).toContain('my-idp');
  });

  it('the update feed and the allowed folders are shown to the window', async () => {
    const allowed = join(dir, 'clinic-bots');
    await mkdir(allowed, { recursive: true });
    const policy = await policyFrom(JSON.stringify({ version: 1, bots: { allowedFolders: [allowed] }, updates: { feedUrl: 'https://updates.clinic.example/rpa' } }));
    const supervisor = await start({ flavour: 'production', policy, botsDir: allowed });
    const state = await supervisor.api.invoke('getState', {});
    expect(state.host.policy).toMatchObject({ updateFeedUrl: 'https://updates.clinic.example/rpa', allowedBotFolders: [allowed] });
    expect(state.preferences.botsDir).toBe(allowed);
  });
});

describe('a locked-down policy (valid, restrictive)', () => {
  let supervisor: Supervisor;
  let allowed: string;
  beforeAll(async () => {
    allowed = join(dir, 'locked-bots');
    await mkdir(allowed, { recursive: true });
    const policy = await policyFrom(
      JSON.stringify({ version: 1, demoMode: false, allowUserProfiles: false, profiles: [healthcodeUat], bots: { allowedFolders: [testBots, allowed], allowEnvTokenDelivery: false } }),
    );
    // The host's default folder is outside the allowed ones: the first allowed folder is used.
    supervisor = await start({ flavour: 'development', policy, botsDir: sampleBots });
  });

  it('refuses every profile change with a coded error, even in development', async () => {
    const state = await supervisor.api.invoke('getState', {});
    expect(state.host.policy.allowUserProfiles).toBe(false);
    expect(state.host.sandboxOffered).toBe(false);
    await expect(supervisor.api.invoke('saveProfile', { profile: userProfile })).rejects.toMatchObject({ code: 'user_profiles_not_allowed' });
    await expect(supervisor.api.invoke('importProfiles', { json: JSON.stringify([userProfile]) })).rejects.toMatchObject({ code: 'user_profiles_not_allowed' });
    await expect(supervisor.api.invoke('deleteProfile', { profileId: 'healthcode-uat' })).rejects.toMatchObject({ code: 'user_profiles_not_allowed' });
  });

  it('keeps the bots folder inside the allowed folders', async () => {
    const state = await supervisor.api.invoke('getState', {});
    expect(state.preferences.botsDir).toBe(testBots);
    await expect(supervisor.api.invoke('savePreferences', { botsDir: sampleBots })).rejects.toMatchObject({ code: 'bots_folder_not_allowed' });
    await supervisor.api.invoke('savePreferences', { botsDir: allowed });
    expect((await supervisor.api.invoke('getState', {})).preferences.botsDir).toBe(allowed);
    await supervisor.api.invoke('savePreferences', { botsDir: testBots });
  });

  it('refuses a bot that wants its token in the environment at start, and says so on its card', async () => {
    const state = await supervisor.api.invoke('getState', {});
    const card = state.bots.find((b) => b.id === 'legacy-export');
    expect(card?.startBlockedReason).toMatchObject({ code: 'bot_env_token_not_allowed' });
    expect(card?.startBlockedReason?.message).toContain('Legacy export');
    await expect(supervisor.api.invoke('startRun', { botId: 'legacy-export' })).rejects.toMatchObject({ code: 'bot_env_token_not_allowed' });
  });
});

describe('S56 a broken policy file locks the app down', () => {
  it('S56 no sandbox, no profile changes, no env tokens, and an error notice naming the file', async () => {
    const policy = await policyFrom('{ "version": 1, "demoMode": tru');
    expect(policy.kind).toBe('lockedDown');
    const supervisor = await start({ flavour: 'development', policy, botsDir: testBots });
    const state = await supervisor.api.invoke('getState', {});
    expect(supervisor.sandbox).toBeUndefined();
    expect(state.host).toMatchObject({ sandboxOffered: false, policy: { source: 'lockedDown', allowUserProfiles: false, allowEnvTokenDelivery: false } });
    expect(state.notices.find((n) => n.code === 'policy_invalid')?.message).toContain(policy.path);
    await expect(supervisor.api.invoke('saveProfile', { profile: userProfile })).rejects.toMatchObject({ code: 'user_profiles_not_allowed' });
    expect(state.bots.find((b) => b.id === 'legacy-export')?.startBlockedReason?.code).toBe('bot_env_token_not_allowed');
  });
});
