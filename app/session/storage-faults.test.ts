import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSchema, type Profile } from '../config/profile.js';
import { RecoveringSettingsStore } from '../config/recovering-settings-store.js';
import type { SupervisorState } from '../common/contract.js';
import { nullLogger } from '../ports/logger.js';
import { systemClock } from '../ports/clock.js';
import type { SecretStore } from '../ports/secret-store.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore, type SettingsStore } from '../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/** Section D of the security matrix, through the core's ports. */
let dataDir: string;
const started: Supervisor[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-storage-faults-'));
});
afterAll(async () => {
  for (const supervisor of started) await supervisor.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(secrets: SecretStore, settings: SettingsStore = new MemorySettingsStore(), profiles?: Profile[]): Promise<SupervisorState> {
  const supervisor = await createSupervisor({
    ports: { browser: { open: async () => undefined }, secrets, settings, clock: systemClock, notifier: { notify: () => undefined }, logger: nullLogger },
    dataDir: await mkdtemp(join(dataDir, 'run-')),
    flavour: 'development',
    botsDir: join(dataDir, 'no-bots'),
    ...(profiles ? { profiles } : { sandbox: {} }),
  });
  started.push(supervisor);
  return supervisor.api.invoke('getState', {});
}

/** A keychain that cannot decrypt what it stored, as after a keyring reset. */
class UndecryptableSecretStore implements SecretStore {
  readonly persistent = true;
  readonly deleted: string[] = [];
  async get(key: string): Promise<string | undefined> {
    if (key.startsWith('session:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(key: string): Promise<void> {
    this.deleted.push(key);
  }
}

describe('storage faults', () => {
  it('S24 without secure storage the sign-in lives in memory only and the user is told', async () => {
    const state = await start(new MemorySecretStore());
    expect(state.host.secretsPersistent).toBe(false);
    expect(state.notices).toContainEqual(expect.objectContaining({ code: 'secrets_memory_only', level: 'warning' }));
  });

  it('S25 a stored session that cannot be decrypted is discarded, the user asked to sign in, no crash', async () => {
    const secrets = new UndecryptableSecretStore();
    const state = await start(secrets);
    expect(state.sessions.find((s) => s.profileId === 'sandbox')?.status).toBe('signedOut');
    expect(state.notices.map((n) => n.code)).toContain('session_unreadable');
    expect(state.notices.map((n) => n.code)).not.toContain('secrets_memory_only');
    expect(secrets.deleted).toContain('session:sandbox');
  });

  it('S27 corrupt stored profiles: backed up, defaults used, the user told, no crash', async () => {
    const settings = new MemorySettingsStore();
    settings.set('profiles', { schemaVersion: 1, profiles: 'not a list' });
    settings.set('companies', ['nonsense']);
    const state = await start(new MemorySecretStore(), settings);
    expect(state.profiles.map((p) => p.id)).toEqual(['sandbox']);
    expect(state.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['profiles_reset', 'settings_reset']));
  });

  it('S27 a corrupt settings file: backed up, defaults used, the user told where the copy is, no crash', async () => {
    const folder = await mkdtemp(join(dataDir, 'settings-'));
    const file = join(folder, 'settings.json');
    await writeFile(file, '{"preferences": {"maxConcurrentRuns": 3,');
    // The browser host's store (ConfSettingsStore) is exactly this: the real conf library.
    const settings = new RecoveringSettingsStore({
      filePath: file,
      logger: nullLogger,
      open: () => new Conf<Record<string, unknown>>({ cwd: folder, configName: 'settings', projectName: 'rpa-supervisor' }),
    });
    const backupPath = settings.recovered?.backupPath ?? '';
    expect(await readFile(backupPath, 'utf8')).toBe('{"preferences": {"maxConcurrentRuns": 3,');

    const state = await start(new MemorySecretStore(), settings);
    expect(state.profiles.map((p) => p.id)).toEqual(['sandbox']);
    expect(state.preferences.maxConcurrentRuns).not.toBe(3);
    expect(state.notices).toContainEqual(
      expect.objectContaining({ level: 'warning', code: 'settings_corrupt', message: expect.stringContaining(backupPath) }),
    );
  });

  it('S27 no notice when the settings file was fine', async () => {
    const state = await start(new MemorySecretStore());
    expect(state.notices.map((n) => n.code)).not.toContain('settings_corrupt');
  });

  it('S28 an expired token found at start-up is deleted, and the session shows Expired with who and when', async () => {
    const profile = profileSchema.parse({ id: 'clinic', name: 'Clinic', kind: 'oidc', issuer: 'https://auth.clinic.example', clientId: 'rpa' });
    const expiresAt = Date.now() - 60_000;
    const secrets = new MemorySecretStore();
    const stored = {
      profileId: 'clinic',
      issuer: profile.issuer,
      accessToken: 'expired-access-token-value',
      tokenType: 'Bearer',
      expiresAt,
      receivedAt: expiresAt - 3_600_000,
      subject: 'dr-who',
      name: 'Dr Who',
      scopes: ['api'],
    };
    await secrets.set('session:clinic', JSON.stringify(stored));

    const state = await start(secrets, new MemorySettingsStore(), [profile]);
    expect(state.sessions.find((s) => s.profileId === 'clinic')).toMatchObject({
      status: 'expired',
      user: { subject: 'dr-who', name: 'Dr Who' },
      expiresAt,
    });
    expect(await secrets.get('session:clinic')).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain('expired-access-token-value');
  });

  it('S26 a crash in the middle of an atomic write leaves the previous file whole', async () => {
    const folder = await mkdtemp(join(dataDir, 'atomic-'));
    const target = join(folder, 'secrets.json');
    await writeFile(target, 'previous contents');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-support', 'atomic-writer-child.ts'), target, '256'], {
      stdio: 'ignore',
    });
    // Kill the writer the moment its temp file appears: mid-write, before the rename.
    const sawTemp = await new Promise<boolean>((resolve) => {
      const watcher = watch(folder, (_event, name) => {
        if (name?.endsWith('.tmp')) {
          child.kill('SIGKILL');
          watcher.close();
          resolve(true);
        }
      });
      child.once('exit', () => {
        watcher.close();
        resolve(false);
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    expect(sawTemp).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    expect(await readFile(target, 'utf8')).toBe('previous contents');
    expect((await readdir(folder)).some((name) => name.endsWith('.tmp'))).toBe(true);
  });
});
