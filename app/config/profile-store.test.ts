import { describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { ProfileEditor, type ProfileChange } from './profile-editor.js';
import { currentProfilesSchemaVersion, migrateProfilesValue } from './profile-migrations.js';
import { ProfileRegistry } from './profile-registry.js';
import { ProfileStore, profilesBackupKey, profilesSettingsKey } from './profile-store.js';
import { validateProfile } from './profile-validation.js';
import { clientSecretKey, profileSchema, type Profile } from './profile.js';

const at = Date.UTC(2026, 10, 22, 9, 0, 0);
const healthcode = { id: 'healthcode', name: 'Healthcode', preset: 'healthcodeProduction', clientId: 'example_rpa_app' };

function setup(settings = new MemorySettingsStore()) {
  const store = new ProfileStore(settings, { now: () => at, logger: nullLogger });
  return { settings, store };
}

/** The editor over the real registry, which owns client secrets and knows the built-in ids. */
async function editorSetup() {
  const { settings, store } = setup();
  const secrets = new MemorySecretStore();
  const registry = await ProfileRegistry.create({ scheme: 'uk.co.rpasupervisor', sandbox: undefined, extra: [], store, secrets });
  const changes: ProfileChange[] = [];
  const editor = new ProfileEditor({ store, registry, onChanged: async (change) => void changes.push(change) });
  return { settings, store, secrets, registry, editor, changes };
}

describe('presets and validation', () => {
  it('a Healthcode preset needs only a name, id and client id', () => {
    const result = validateProfile(healthcode);
    expect(result).toMatchObject({ ok: true, profile: { issuer: 'https://auth.healthcode.co.uk', kind: 'oidc', scopes: [], clientAuth: 'none' } });
    expect(validateProfile({ ...healthcode, preset: 'healthcodeUat' })).toMatchObject({ ok: true, profile: { issuer: 'https://auth.uat.healthcode.co.uk' } });
  });

  it('the HCSS partner preset is a confidential partner profile reading CompanyId', () => {
    expect(validateProfile({ id: 'hcss', name: 'HCSS', preset: 'hcssPartner', clientId: 'partner' })).toMatchObject({
      ok: true,
      profile: { kind: 'partner', issuer: 'https://api.hcssapps.com/identity', clientAuth: 'client_secret_basic', companyClaim: 'CompanyId' },
    });
  });

  it('a custom provider may give explicit endpoints instead of a discovery document', () => {
    const result = validateProfile({
      id: 'legacy',
      name: 'Legacy OAuth',
      issuer: 'https://legacy.example.org',
      clientId: 'rpa',
      endpoints: { authorization: 'https://legacy.example.org/oauth/authorize', token: 'https://legacy.example.org/oauth/token' },
    });
    expect(result).toMatchObject({ ok: true, profile: { endpoints: { token: 'https://legacy.example.org/oauth/token' } } });
  });

  it('field-level errors use dotted paths and readable sentences', () => {
    const result = validateProfile({
      id: 'bad id!',
      name: 'x',
      issuer: 'http://auth.example.org',
      clientId: '',
      redirect: { mode: 'loopback', port: 70000 },
      endpoints: { authorization: 'ftp://x', token: 'https://ok.example' },
      clientSecret: 'leaked',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(['clientId', 'clientSecret', 'endpoints.authorization', 'id', 'issuer', 'redirect.port']);
    expect(result.fields.issuer).toMatch(/https/);
    expect(result.fields.clientSecret).toMatch(/secrets are never stored there/);
    expect(JSON.stringify(result.fields)).not.toContain('leaked');
  });
});

describe('ProfileEditor', () => {
  it('saves a profile, and the client secret goes to the SecretStore only', async () => {
    const { editor, settings, secrets, registry } = await editorSetup();
    await editor.save({ ...healthcode, clientAuth: 'client_secret_basic' }, 'the-client-secret');
    expect(await secrets.get(clientSecretKey('healthcode'))).toBe('the-client-secret');
    expect(registry.hasClientSecret('healthcode')).toBe(true);
    expect(registry.views()).toMatchObject([{ id: 'healthcode', hasClientSecret: true }]);
    expect(JSON.stringify(settings.get(profilesSettingsKey))).not.toContain('the-client-secret');
    expect(settings.get(profilesSettingsKey)).toMatchObject({ schemaVersion: currentProfilesSchemaVersion, profiles: [{ id: 'healthcode' }] });
  });

  it('asks for a secret when client authentication needs one, and forgets it when it no longer does', async () => {
    const { editor, secrets } = await editorSetup();
    await expect(editor.save({ ...healthcode, clientAuth: 'client_secret_post' })).rejects.toMatchObject({
      code: 'profile_invalid',
      fields: { clientSecret: expect.stringMatching(/required/) },
    });
    await editor.save({ ...healthcode, clientAuth: 'client_secret_post' }, 's3cret');
    await editor.save({ ...healthcode, clientAuth: 'client_secret_post' });
    expect(await secrets.get(clientSecretKey('healthcode'))).toBe('s3cret');
    await editor.save({ ...healthcode, clientAuth: 'none' });
    expect(await secrets.get(clientSecretKey('healthcode'))).toBeUndefined();
  });

  it('returns field errors as ErrorView.fields and a summary in the message', async () => {
    const { editor } = await editorSetup();
    await expect(editor.save({ ...healthcode, clientId: '' })).rejects.toMatchObject({
      code: 'profile_invalid',
      fields: { clientId: expect.any(String) },
      message: expect.stringContaining('the client id is required'),
    });
  });

  it('refuses to change or delete a locked profile, and the built-in sandbox', async () => {
    const { editor } = await editorSetup();
    await editor.save({ ...healthcode, locked: true });
    await expect(editor.save({ ...healthcode, clientId: 'other' })).rejects.toMatchObject({ code: 'profile_locked' });
    await expect(editor.delete('healthcode')).rejects.toMatchObject({ code: 'profile_locked', message: expect.stringContaining('Healthcode') });
    await expect(editor.save({ ...healthcode, id: 'sandbox' })).rejects.toMatchObject({ code: 'profile_builtin' });
    await expect(editor.delete('sandbox')).rejects.toMatchObject({ code: 'profile_builtin' });
    await expect(editor.delete('nope')).rejects.toMatchObject({ code: 'unknown_profile' });
  });

  it('deletes a profile with its secret, telling the app first', async () => {
    const { editor, store, secrets, changes } = await editorSetup();
    await editor.save({ ...healthcode, clientAuth: 'client_secret_basic' }, 'x');
    await editor.delete('healthcode');
    expect(store.get('healthcode')).toBeUndefined();
    expect(await secrets.get(clientSecretKey('healthcode'))).toBeUndefined();
    expect(changes.at(-1)).toMatchObject({ profileId: 'healthcode', after: undefined });
  });

  it('imports the valid entries and reports every invalid one field by field', async () => {
    const { editor, store } = await editorSetup();
    await editor.save({ ...healthcode, id: 'locked-one', clientId: 'locked-app', locked: true });
    const result = await editor.import(
      JSON.stringify({
        profiles: [
          healthcode,
          { id: 'uat', name: 'UAT', preset: 'healthcodeUat' },
          { ...healthcode, id: 'sandbox' },
          { ...healthcode, id: 'locked-one' },
          { id: 'hcss', name: 'HCSS', preset: 'hcssPartner', clientId: 'p', redirect: { mode: 'bounce', url: 'http://bounce.example.org/rpa' } },
          healthcode,
          'not an object',
        ],
      }),
    );
    expect(result.imported.map((p) => p.id)).toEqual(['healthcode']);
    expect(result.errors).toEqual([
      // Each problem names the entry by what the file calls it, when it says.
      { index: 1, field: 'clientId', message: 'is required', profileName: 'UAT', profileId: 'uat' },
      { index: 2, field: 'id', message: expect.stringMatching(/built-in/), profileName: 'Healthcode', profileId: 'sandbox' },
      { index: 3, field: 'id', message: expect.stringMatching(/locked/), profileName: 'Healthcode', profileId: 'locked-one' },
      { index: 4, field: 'redirect.url', message: expect.stringMatching(/https/), profileName: 'HCSS', profileId: 'hcss' },
      { index: 5, field: 'id', message: expect.stringMatching(/more than once/), profileName: 'Healthcode', profileId: 'healthcode' },
      { index: 6, field: '', message: expect.stringMatching(/group of settings/) },
    ]);
    expect(store.list().map((p) => p.id)).toEqual(['locked-one', 'healthcode']);
  });

  it('refuses an import that is not JSON or has no profile list', async () => {
    const { editor } = await editorSetup();
    await expect(editor.import('{nope')).rejects.toMatchObject({ code: 'profiles_import_invalid', message: expect.stringContaining('not valid JSON') });
    await expect(editor.import('{"name":"x"}')).rejects.toMatchObject({ code: 'profiles_import_invalid' });
  });
});

describe('ProfileStore', () => {
  it('migrates v0 (a bare list with flat redirect fields) to the current version', () => {
    const v0 = [
      { ...healthcode, preset: 'healthcodeProduction', issuer: 'https://auth.healthcode.co.uk', redirectMode: 'loopback', loopbackPort: 53682, loopbackPath: '/cb', hasClientSecret: false, redirectUri: 'x' },
      { ...healthcode, id: 'b', preset: 'healthcodeProduction', issuer: 'https://auth.healthcode.co.uk', redirectMode: 'bounce', bounceUrl: 'https://rpa.example.org/postauth' },
      { ...healthcode, id: 'c', preset: 'healthcodeProduction', issuer: 'https://auth.healthcode.co.uk', redirectMode: 'customScheme' },
    ];
    expect(migrateProfilesValue(v0)).toMatchObject({
      schemaVersion: 1,
      profiles: [
        { id: 'healthcode', redirect: { mode: 'loopback', port: 53682, path: '/cb' } },
        { id: 'b', redirect: { mode: 'bounce', url: 'https://rpa.example.org/postauth' } },
        { id: 'c', redirect: { mode: 'customScheme' } },
      ],
    });
    const settings = new MemorySettingsStore();
    settings.set(profilesSettingsKey, v0);
    const { store } = setup(settings);
    expect(store.recovered).toBeUndefined();
    expect(store.get('healthcode')?.redirect).toEqual({ mode: 'loopback', port: 53682, path: '/cb' });
    expect(settings.get(profilesSettingsKey)).toMatchObject({ schemaVersion: 1, profiles: [{ id: 'healthcode' }, { id: 'b' }, { id: 'c' }] });
  });

  it('reads the current version as it is', () => {
    const settings = new MemorySettingsStore();
    const profile: Profile = profileSchema.parse({ ...healthcode, issuer: 'https://auth.healthcode.co.uk' });
    settings.set(profilesSettingsKey, { schemaVersion: 1, profiles: [profile] });
    expect(setup(settings).store.list()).toEqual([profile]);
  });

  it.each([
    ['not an object', 'garbage'],
    ['a future version', { schemaVersion: 99, profiles: [] }],
    ['profiles that are not a list', { schemaVersion: 1, profiles: 'x' }],
  ])('S27 a stored value that is %s is backed up and defaults are used', (_name, raw) => {
    const settings = new MemorySettingsStore();
    settings.set(profilesSettingsKey, raw);
    const { store } = setup(settings);
    expect(store.list()).toEqual([]);
    expect(store.recovered).toEqual({ backupKey: profilesBackupKey(at), dropped: 1 });
    expect(JSON.parse(settings.get(profilesBackupKey(at)) as string)).toEqual(raw);
    expect(settings.get(profilesSettingsKey)).toEqual({ schemaVersion: 1, profiles: [] });
  });

  it('S27 an entry that fails the schema is dropped, the rest kept, and the whole old value backed up', () => {
    const settings = new MemorySettingsStore();
    const good = profileSchema.parse({ ...healthcode, issuer: 'https://auth.healthcode.co.uk' });
    const raw = { schemaVersion: 1, profiles: [good, { id: 'broken', issuer: 42 }] };
    settings.set(profilesSettingsKey, raw);
    const { store } = setup(settings);
    expect(store.list().map((p) => p.id)).toEqual(['healthcode']);
    expect(store.recovered?.dropped).toBe(1);
    expect(JSON.parse(settings.get(profilesBackupKey(at)) as string)).toEqual(raw);
  });

  it('S27 a settings store that throws on read does not crash start-up', () => {
    const settings = { get: () => { throw new SyntaxError('Unexpected token'); }, set: () => undefined };
    const store = new ProfileStore(settings, { now: () => at, logger: nullLogger });
    expect(store.list()).toEqual([]);
    expect(store.recovered).toBeDefined();
  });
});
