import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisorState } from '../common/contract.js';
import { JsonLinesLogger } from '../logging/json-lines-logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from '../test-support/find-secrets.js';
import { clientSecretKey, sandboxPartnerProfileId } from './profile.js';

/**
 * The optional "Local sandbox (HCSS partner)" profile: there only when the host asks for it, its
 * per-launch client secret in the SecretStore and nowhere the renderer, settings or logs reach.
 */

/** Keeps every value ever written, so a secret that passed through settings is still caught. */
class RecordingSettingsStore implements SettingsStore {
  readonly #values = new Map<string, unknown>();
  readonly written: unknown[] = [];

  get(key: string): unknown {
    return this.#values.get(key);
  }

  set(key: string, value: unknown): void {
    this.#values.set(key, value);
    this.written.push({ key, value });
  }
}

interface Started {
  supervisor: Supervisor;
  secrets: MemorySecretStore;
  settings: RecordingSettingsStore;
  dataDir: string;
}

const started: Started[] = [];

async function start(sandbox: { partner?: boolean }): Promise<Started> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-sandbox-partner-'));
  const secrets = new MemorySecretStore();
  const settings = new RecordingSettingsStore();
  const holder: { supervisor?: Supervisor } = {};
  const supervisor = await createSupervisor({
    ports: {
      // The "system browser" logs in over plain HTTP and hands the callback over, as the OS would.
      browser: {
        open: async (url) => {
          const running = holder.supervisor?.sandbox;
          if (running) await holder.supervisor?.deliverRedirect(await running.completeLoginWithoutBrowser(url));
        },
      },
      secrets,
      settings,
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
    },
    dataDir,
    flavour: 'development',
    botsDir: join(dataDir, 'bots'),
    sandbox,
  });
  holder.supervisor = supervisor;
  const result = { supervisor, secrets, settings, dataDir };
  started.push(result);
  return result;
}

function nextState(supervisor: Supervisor, predicate: (state: SupervisorState) => boolean): Promise<SupervisorState> {
  return new Promise((resolve) => {
    const subscription = supervisor.api.on('state', (state) => {
      if (!predicate(state)) return;
      subscription.dispose();
      resolve(state);
    });
  });
}

afterAll(async () => {
  for (const { supervisor, dataDir } of started) {
    await supervisor.shutdown();
    await rm(dataDir, { recursive: true, force: true });
  }
});

describe('the Local sandbox (HCSS partner) profile', () => {
  it('is absent by default, and no partner secret is stored', async () => {
    const { supervisor, secrets } = await start({});
    const state = await supervisor.api.invoke('getState', {});
    expect(state.profiles.map((profile) => profile.id)).toEqual(['sandbox']);
    expect(await secrets.get(clientSecretKey(sandboxPartnerProfileId))).toBeUndefined();
  });

  describe('when asked for', () => {
    let partner: Started;
    let secret: string;

    beforeAll(async () => {
      partner = await start({ partner: true });
      secret = (await partner.secrets.get(clientSecretKey(sandboxPartnerProfileId))) ?? '';
    });

    it('is a built-in partner profile whose view only says a secret is stored', async () => {
      const state = await partner.supervisor.api.invoke('getState', {});
      expect(state.profiles.map((profile) => profile.id)).toEqual(['sandbox', sandboxPartnerProfileId]);
      expect(state.profiles.find((profile) => profile.id === sandboxPartnerProfileId)).toMatchObject({
        name: 'Local sandbox (HCSS partner)',
        kind: 'partner',
        clientAuth: 'client_secret_basic',
        hasClientSecret: true,
        builtIn: true,
        issuer: partner.supervisor.sandbox?.issuer,
      });
      await expect(partner.supervisor.api.invoke('deleteProfile', { profileId: sandboxPartnerProfileId })).rejects.toMatchObject({ code: 'profile_builtin' });
    });

    it('keeps a random secret per launch in the SecretStore', async () => {
      expect(secret).toMatch(/^[\w-]{43}$/);
      const again = await start({ partner: true });
      const secondSecret = await again.secrets.get(clientSecretKey(sandboxPartnerProfileId));
      expect(secondSecret).toMatch(/^[\w-]{43}$/);
      expect(secondSecret).not.toBe(secret);
    });

    it('connects the sandbox company with that secret, which never reaches the state, settings or logs', async () => {
      const connected = nextState(partner.supervisor, (state) => state.companies.length > 0);
      await partner.supervisor.api.invoke('connectCompany', { profileId: sandboxPartnerProfileId });
      const state = await connected;
      expect(state.companies).toEqual([
        expect.objectContaining({ profileId: sandboxPartnerProfileId, companyId: 'demo-clinic-1001', status: 'connected' }),
      ]);

      expect(partner.settings.written.length).toBeGreaterThan(0);
      const files = await filesUnder(partner.dataDir);
      expect(files.some((file) => file.endsWith('supervisor.log'))).toBe(true);
      const secrets = labelled('partner client secret', [secret as string]);
      const shown = [
        { where: 'the state', text: JSON.stringify(state) },
        { where: 'the settings written', text: JSON.stringify(partner.settings.written) },
      ];
      expect([...findSecrets(shown, secrets), ...(await findSecretsInFiles(files, secrets))]).toEqual([]);
    });
  });
});
