import { beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { SupervisorError } from '../errors.js';
import { ProfileEditor } from './profile-editor.js';
import { ProfileRegistry } from './profile-registry.js';
import { ProfileStore } from './profile-store.js';

/** The editor's rules for drafts, duplicates, secrets and import wording, over real stores. */
let editor: ProfileEditor;
let store: ProfileStore;
let registry: ProfileRegistry;

beforeEach(async () => {
  store = new ProfileStore(new MemorySettingsStore(), { now: () => 0, logger: nullLogger });
  registry = await ProfileRegistry.create({ scheme: 'uk.co.rpasupervisor', sandbox: undefined, extra: [], store, secrets: new MemorySecretStore() });
  editor = new ProfileEditor({ store, registry, onChanged: async () => undefined });
});

const uat = (overrides: Record<string, unknown> = {}) => ({
  id: 'clinic-uat',
  name: 'Clinic UAT',
  preset: 'healthcodeUat',
  clientId: 'clinic-app',
  redirect: { mode: 'loopback', port: 0, path: '/callback' },
  ...overrides,
});

async function refusal(action: Promise<unknown>): Promise<SupervisorError & { fields?: Record<string, string> }> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SupervisorError);
  return error as SupervisorError & { fields?: Record<string, string> };
}

describe('ProfileEditor drafts', () => {
  it('saves a profile without a client id only as a draft, which says it is one', async () => {
    const missing = await refusal(editor.save(uat({ clientId: '' })));
    expect(missing.code).toBe('profile_invalid');
    expect(missing.fields).toEqual({ clientId: 'is required' });

    const draft = await editor.save(uat({ clientId: '' }), undefined, { asDraft: true });
    expect(draft.draft).toBe(true);
    expect(draft.redirectUri).toBe('http://127.0.0.1/callback');
    expect(store.get('clinic-uat')?.clientId).toBe('');

    const finished = await editor.save(uat());
    expect(finished.draft).toBe(false);
  });

  it('an import must be complete: a draft in a file is reported, by name and id', async () => {
    const result = await editor.import(JSON.stringify({ profiles: [uat({ clientId: '' })] }));
    expect(result.imported).toEqual([]);
    expect(result.errors).toEqual([{ index: 0, field: 'clientId', message: 'is required', profileName: 'Clinic UAT', profileId: 'clinic-uat' }]);
  });
});

describe('ProfileEditor: no silent duplicates', () => {
  it('a new profile with a taken id is refused, never replacing the old one', async () => {
    await editor.save(uat());
    const taken = await refusal(editor.save(uat({ name: 'Another', clientId: 'other-app' }), undefined, { create: true }));
    expect(taken.code).toBe('profile_exists');
    expect(taken.fields?.id).toBeTruthy();
    expect(store.get('clinic-uat')?.name).toBe('Clinic UAT');
  });

  it('the same issuer and client id under another id is refused, naming the profile that has them', async () => {
    await editor.save(uat());
    const twin = await refusal(editor.save(uat({ id: 'clinic-uat-2', name: 'Second', issuer: 'https://auth.uat.healthcode.co.uk/' }), undefined, { create: true }));
    expect(twin.code).toBe('profile_duplicate');
    expect(twin.message).toContain('Clinic UAT');
    expect(twin.fields?.clientId).toContain('clinic-uat');
    expect(store.get('clinic-uat-2')).toBeUndefined();

    const imported = await editor.import(JSON.stringify([uat({ id: 'imported', name: 'Imported' })]));
    expect(imported.imported).toEqual([]);
    expect(imported.errors[0]).toMatchObject({ field: 'clientId', profileName: 'Imported', profileId: 'imported' });
  });

  it('two drafts for the same provider are not duplicates yet', async () => {
    await editor.save(uat({ clientId: '' }), undefined, { asDraft: true });
    await expect(editor.save(uat({ id: 'clinic-uat-2', clientId: '' }), undefined, { asDraft: true, create: true })).resolves.toMatchObject({ draft: true });
  });
});

describe('ProfileEditor secrets', () => {
  it('a secret with client authentication "none" is a field error, never silently dropped', async () => {
    const error = await refusal(editor.save(uat(), 'typed-secret'));
    expect(error.fields?.clientSecret).toContain('client authentication is "none"');
    expect(registry.hasClientSecret('clinic-uat')).toBe(false);
    await editor.save(uat({ clientAuth: 'client_secret_basic' }), 'typed-secret');
    expect(registry.hasClientSecret('clinic-uat')).toBe(true);
  });
});

describe('ProfileEditor import wording', () => {
  it('speaks the editor’s words, not zod’s, and names each profile', async () => {
    const result = await editor.import(
      JSON.stringify({
        profiles: [
          uat({ warningMinutes: [0] }),
          { id: 'custom-1', name: 'Custom', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', signInTimeoutMs: 'soon' },
          42,
        ],
      }),
    );
    const text = JSON.stringify(result.errors);
    expect(text).not.toMatch(/Too small|expected number|Invalid input/);
    expect(result.errors).toContainEqual({ index: 0, field: 'warningMinutes.0', message: 'must be at least 1', profileName: 'Clinic UAT', profileId: 'clinic-uat' });
    expect(result.errors).toContainEqual({ index: 1, field: 'signInTimeoutMs', message: 'must be a number', profileName: 'Custom', profileId: 'custom-1' });
    expect(result.errors).toContainEqual({ index: 2, field: '', message: 'a profile must be an object' });
  });
});
