import { afterAll, describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from './app-identity.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { discoverSandbox, startAuthorization } from '../sandbox/test-support/sandbox-client.js';
import { ProfileRegistry } from './profile-registry.js';

/** The Local sandbox runs inside the app: what it has to say goes to the app's diagnostic log, not nowhere. */
describe('the Local sandbox started with the app', () => {
  const said: string[] = [];
  const logger = { info: (message: string) => void said.push(message), warn: (message: string) => void said.push(message), error: (message: string) => void said.push(message) };
  let registry: ProfileRegistry | undefined;
  afterAll(async () => {
    await registry?.sandbox?.close();
  });

  it('logs through the app\'s logger (here: a sign-in refused for a wrong password)', async () => {
    registry = await ProfileRegistry.create({ scheme: 'uk.co.rpasupervisor', sandbox: {}, extra: [], secrets: new MemorySecretStore(), logger });
    const sandbox = registry.sandbox!;
    const pending = await startAuthorization(await discoverSandbox(sandbox), customSchemeRedirectUri('uk.co.rpasupervisor'));
    await expect(sandbox.completeLoginWithoutBrowser(pending.url.href, { ...sandbox.demoUser, password: 'guess' })).rejects.toThrow(/wrong username or password/);
    expect(said).toContain('Sandbox sign-in refused: wrong username or password.');
  });
});
