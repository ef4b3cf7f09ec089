import { describe, expect, it } from 'vitest';
import type { Logger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { createDesktopKey, desktopKeySecretName, loadOrCreateDesktopKey, publishedDesktopKey, readDesktopPublicKey } from './desktop-key.js';

function recording(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, logger: { info: () => undefined, error: () => undefined, warn: (message) => warnings.push(message) } };
}

describe('the desktop key', () => {
  it('is made on the first fleet start, kept in the SecretStore and the same at the next start; its private halves are never published', async () => {
    const secrets = Object.assign(new MemorySecretStore(), { persistent: true });
    const { logger, warnings } = recording();
    const first = await loadOrCreateDesktopKey(secrets, logger);
    expect(first.fingerprint).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(await secrets.get(desktopKeySecretName)).toContain('PRIVATE KEY');
    expect((await loadOrCreateDesktopKey(secrets, logger)).fingerprint).toBe(first.fingerprint);
    expect(warnings).toEqual([]);
    const published = JSON.stringify(publishedDesktopKey(first));
    expect(published).not.toContain('"d"');
    expect(readDesktopPublicKey(published)?.fingerprint).toBe(first.fingerprint);
  });

  it('on a computer that keeps secrets in memory only, the log says workers must be re-pinned after a restart; an unreadable stored key is replaced and said so', async () => {
    const { logger, warnings } = recording();
    const key = await loadOrCreateDesktopKey(new MemorySecretStore(), logger);
    expect(warnings).toEqual([expect.stringContaining(`fingerprint ${key.fingerprint}) is new at every start`)]);
    const broken = Object.assign(new MemorySecretStore(), { persistent: true });
    await broken.set(desktopKeySecretName, '{"signing":"not a key"}');
    const replaced = recording();
    await loadOrCreateDesktopKey(broken, replaced.logger);
    expect(replaced.warnings).toEqual([expect.stringContaining('Workers must be re-pinned')]);
  });

  it('a published key is read only if its fingerprint is the one its keys give: a doctored entry, a private member or garbage reads as nothing', () => {
    const key = publishedDesktopKey(createDesktopKey());
    const other = publishedDesktopKey(createDesktopKey());
    expect(readDesktopPublicKey(JSON.stringify({ ...key, fingerprint: other.fingerprint }))).toBeUndefined();
    expect(readDesktopPublicKey(JSON.stringify({ ...key, keys: [key.keys[0], other.keys[1]] }))).toBeUndefined();
    expect(readDesktopPublicKey(JSON.stringify({ ...key, keys: key.keys.map((jwk) => ({ ...jwk, d: 'AAAA' })) }))).toBeUndefined();
    expect(readDesktopPublicKey('not json')).toBeUndefined();
    expect(readDesktopPublicKey(null)).toBeUndefined();
  });
});
