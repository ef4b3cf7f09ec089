import { beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { SupervisorError } from '../errors.js';
import { ProfileEditor } from './profile-editor.js';
import { ProfileRegistry } from './profile-registry.js';
import { currentProfilesSchemaVersion } from './profile-migrations.js';
import { ProfileStore, profilesSettingsKey } from './profile-store.js';

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

describe('ProfileEditor client id and secret as pasted', () => {
  it('trims a pasted client id, and refuses one with spaces or control characters inside', async () => {
    await expect(editor.save(uat({ clientId: '  clinic-app\n' }))).resolves.toMatchObject({ clientId: 'clinic-app' });
    for (const clientId of ['my client id', 'a\tb', 'a\u0000b', 'a\u00a0b']) {
      const error = await refusal(editor.save(uat({ clientId })));
      expect(error.code).toBe('profile_invalid');
      expect(error.fields?.clientId).toMatch(/^must not contain spaces/);
      expect(error.message).toContain('the client id must not contain spaces');
    }
    expect(store.get('clinic-uat')?.clientId).toBe('clinic-app');
  });

  it('flags a client id with spaces on import too, by the entry’s name and id', async () => {
    const result = await editor.import(JSON.stringify([uat({ clientId: 'a b' })]));
    expect(result.imported).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ field: 'clientId', message: expect.stringMatching(/^must not contain spaces/), profileId: 'clinic-uat' })]);
  });

  it('keeps a stored client id with spaces from an earlier version rather than dropping the profile', () => {
    const settings = new MemorySettingsStore();
    settings.set(profilesSettingsKey, { schemaVersion: currentProfilesSchemaVersion, profiles: [uat({ clientId: 'old id', preset: 'custom', issuer: 'https://idp.example.org' })] });
    const earlier = new ProfileStore(settings, { now: () => 0, logger: nullLogger });
    expect(earlier.get('clinic-uat')?.clientId).toBe('old id');
  });

  it('stores a client secret without the whitespace pasted around it, and refuses a line break inside', async () => {
    await editor.save(uat({ clientAuth: 'client_secret_basic' }), '  s3cret\n');
    expect(await registry.clientSecret('clinic-uat')).toBe('s3cret');
    const broken = await refusal(editor.save(uat({ clientAuth: 'client_secret_basic' }), 'half\nother'));
    expect(broken.fields?.clientSecret).toMatch(/^must not contain line breaks/);
    // Whitespace only is no secret: the stored one stays.
    await editor.save(uat({ clientAuth: 'client_secret_basic' }), '   ');
    expect(await registry.clientSecret('clinic-uat')).toBe('s3cret');
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
    expect(result.errors).toContainEqual({ index: 0, field: 'warningMinutes.0', message: 'must be at least 1 minute', profileName: 'Clinic UAT', profileId: 'clinic-uat' });
    expect(result.errors).toContainEqual({ index: 1, field: 'signInTimeoutMs', message: 'must be a number', profileName: 'Custom', profileId: 'custom-1' });
    expect(result.errors).toContainEqual({ index: 2, field: '', message: 'must be a group of settings in braces, { … }' });
  });
});

/** Keys a plain object inherits: a field error stored under one would vanish, and the entry with it. */
describe('ProfileEditor with keys named like object internals', () => {
  for (const key of ['__proto__', 'constructor', 'toString']) {
    it(`S104 an imported entry with the unknown key "${key}" is reported by that key, never dropped without a word`, async () => {
      const entry = `{"${key}":{"locked":true},${JSON.stringify(uat()).slice(1)}`;
      const result = await editor.import(`[${entry}]`);
      expect(result.imported).toEqual([]);
      expect(result.errors).toEqual([{ index: 0, field: key, message: 'is not a profile setting', profileName: 'Clinic UAT', profileId: 'clinic-uat' }]);
      expect(store.list()).toEqual([]);
    });
  }

  it('S104 saving one in the editor names the key in the refusal', async () => {
    const error = await refusal(editor.save(JSON.parse(`{"constructor":1,${JSON.stringify(uat()).slice(1)}`) as Record<string, unknown>));
    expect(error.code).toBe('profile_invalid');
    expect(error.fields).toEqual({ constructor: 'is not a profile setting' });
    expect(error.message).toContain('constructor');
  });
});

/** A profile's name is shown on cards, approvals and the audit trail. */
describe('ProfileEditor refuses names that hide or reorder text', () => {
  for (const [label, name] of [
    ['a right-to-left override', 'Clinic \u202eTAU'],
    ['a zero-width space', 'Clinic\u200b UAT'],
    ['a line break', 'Clinic\nUAT'],
    ['an escape character', 'Clinic \u001b[31mUAT'],
  ] as const) {
    it(`a profile name with ${label} is refused as entered, by import and by the editor`, async () => {
      const message = 'must not contain control characters or invisible formatting characters (such as a right-to-left override); type the name again as plain text';
      const result = await editor.import(JSON.stringify([uat({ name })]));
      expect(result.imported).toEqual([]);
      expect(result.errors.map((problem) => [problem.field, problem.message])).toEqual([['name', message]]);
      expect((await refusal(editor.save(uat({ name })))).fields).toEqual({ name: message });
    });
  }

  it('keeps the joiners and direction marks that scripts and emoji need', async () => {
    const view = await editor.save(uat({ name: 'کلینیک\u200c UAT \u{1F469}\u200d\u2695\ufe0f \u200e' }));
    expect(view.name).toContain('\u200c');
  });
});

describe('ProfileEditor and an issuer URL with credentials in it', () => {
  it('refuses a user name or password in the issuer, by the editor and an import, so it is never shown on a card or in an error', async () => {
    const entry = { id: 'idp', name: 'Clinic IdP', preset: 'custom', issuer: 'https://admin:S3cret-pw@idp.clinic.example', clientId: 'clinic-app' };
    const message = "must not contain a user name or password: give the provider's address only, as its documentation shows it";
    expect((await refusal(editor.save(entry))).fields).toEqual({ issuer: message });
    const result = await editor.import(JSON.stringify([entry]));
    expect(result.errors.map((problem) => [problem.field, problem.message])).toEqual([['issuer', message]]);
    expect(JSON.stringify(result)).not.toContain('S3cret-pw');
    expect(store.list()).toEqual([]);
  });
});

