import { describe, expect, it } from 'vitest';
import { MemorySecretStore, type SecretStore } from '../ports/secret-store.js';
import type { Session } from './session.js';
import { StoredSessions } from './stored-sessions.js';

const session: Session = {
  profileId: 'p1',
  issuer: 'https://issuer.example',
  accessToken: 'token-one',
  tokenType: 'Bearer',
  expiresAt: 2_000,
  receivedAt: 1_000,
  subject: 'demo',
  scopes: ['api'],
};

function setup(secrets: SecretStore = new MemorySecretStore()) {
  const warnings: Array<Record<string, unknown> | undefined> = [];
  const stored = new StoredSessions({ secrets, logger: { info: () => undefined, error: () => undefined, warn: (_m, f) => void warnings.push(f) } });
  return { stored, secrets, warnings };
}

describe('StoredSessions', () => {
  it('writes, reads back and deletes one entry per profile', async () => {
    const { stored, secrets } = setup();
    expect(await stored.read('p1')).toEqual({ kind: 'none' });
    await stored.write(session);
    expect(await secrets.get('session:p1')).toContain('token-one');
    expect(await stored.read('p1')).toEqual({ kind: 'found', session });
    await stored.delete('p1');
    expect(await stored.read('p1')).toEqual({ kind: 'none' });
  });

  it('S25 an entry that is not JSON, fails the schema, or names another profile is unreadable', async () => {
    const { stored, secrets } = setup();
    for (const raw of ['{not json', JSON.stringify({ ...session, tokenType: 'mac' }), JSON.stringify({ ...session, profileId: 'p2' })]) {
      await secrets.set('session:p1', raw);
      expect(await stored.read('p1')).toEqual({ kind: 'unreadable' });
    }
  });

  it('S25 a keychain that cannot decrypt gives unreadable, and the warning names no secret', async () => {
    const failing = { persistent: true, get: async () => Promise.reject(new Error('decrypt failed: token-one')), set: async () => undefined, delete: async () => undefined };
    const { stored, warnings } = setup(failing);
    expect(await stored.read('p1')).toEqual({ kind: 'unreadable' });
    expect(JSON.stringify(warnings)).not.toContain('token-one');
  });

  it('a failed write keeps the sign-in working (logged, not thrown); a failed sign-out delete is thrown', async () => {
    const broken = { persistent: true, get: async () => undefined, set: async () => Promise.reject(new Error('disk full')), delete: async () => Promise.reject(new Error('locked')) };
    const { stored, warnings } = setup(broken);
    await expect(stored.write(session)).resolves.toBeUndefined();
    expect(warnings).toEqual([{ profileId: 'p1', error: 'Error' }]);
    await expect(stored.delete('p1')).rejects.toThrow('locked');
    await expect(stored.discard('p1')).resolves.toBeUndefined();
  });
});
