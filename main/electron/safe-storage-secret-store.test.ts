import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/ports/logger.js';
import { SafeStorageSecretStore, type StringCipher } from './safe-storage-secret-store.js';

/** Reversible stand-in for safeStorage: XOR with a key, plus a marker so foreign bytes fail. */
function fakeCipher(keyByte = 0x5a): StringCipher {
  return {
    encryptString: (plain) => Buffer.concat([Buffer.from('ENC1'), Buffer.from(plain, 'utf8').map((b) => b ^ keyByte)]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 4).toString() !== 'ENC1') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(4).map((b) => b ^ keyByte)).toString('utf8');
    },
  };
}

function recordingLogger(): Logger & { entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> } {
  const entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  return {
    entries,
    info: (message, fields) => entries.push({ level: 'info', message, fields }),
    warn: (message, fields) => entries.push({ level: 'warn', message, fields }),
    error: (message, fields) => entries.push({ level: 'error', message, fields }),
  };
}

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'secret-store-')), 'secrets');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('round-trips a secret and stores only ciphertext', async () => {
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger: recordingLogger() });
    expect(store.persistent).toBe(true);
    await store.set('session:sandbox', 'ACCESS-TOKEN-VALUE');
    expect(await store.get('session:sandbox')).toBe('ACCESS-TOKEN-VALUE');

    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    const raw = await readFile(path.join(dir, files[0] ?? ''));
    expect(raw.toString('utf8')).not.toContain('ACCESS-TOKEN-VALUE');
  });

  it('returns undefined for a key never stored, and delete is idempotent', async () => {
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger: recordingLogger() });
    expect(await store.get('nothing')).toBeUndefined();
    await store.set('k', 'v');
    await store.delete('k');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps path characters in keys out of the file system', async () => {
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger: recordingLogger() });
    await store.set('../../escape', 'v');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.secret$/);
    expect(await store.get('../../escape')).toBe('v');
  });

  it('S25 discards a secret that no longer decrypts, logs secret_undecryptable, and says so to the caller', async () => {
    const logger = recordingLogger();
    await new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger }).set('session:p', 'TOKEN-123');
    // The keyring was reset: same files, a cipher that cannot read them.
    const broken: StringCipher = { ...fakeCipher(), decryptString: () => { throw new Error('keyring reset'); } };
    const store = new SafeStorageSecretStore({ dir, cipher: broken, logger });

    await expect(store.get('session:p')).rejects.toMatchObject({ code: 'secret_undecryptable' });
    expect(await readdir(dir)).toEqual([]);
    expect(await store.get('session:p')).toBeUndefined();
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', fields: { code: 'secret_undecryptable', key: 'session:p' } })]);
    expect(JSON.stringify(logger.entries)).not.toContain('TOKEN-123');
  });

  it('S25 treats a truncated or foreign file as undecryptable', async () => {
    const logger = recordingLogger();
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger });
    await store.set('k', 'v');
    const [file = ''] = await readdir(dir);
    await writeFile(path.join(dir, file), 'garbage');
    await expect(store.get('k')).rejects.toMatchObject({ code: 'secret_undecryptable' });
    expect(logger.entries[0]?.fields?.code).toBe('secret_undecryptable');
  });

  it('S26 keeps the previous secret when a write fails before the rename', async () => {
    const logger = recordingLogger();
    await new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger }).set('k', 'old');
    const crashing = { ...fs, rename: async () => { throw Object.assign(new Error('simulated crash'), { code: 'EIO' }); } };
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger, fsOps: crashing });

    await expect(store.set('k', 'new')).rejects.toThrow('simulated crash');
    expect(await store.get('k')).toBe('old');
    // The half-written temp file is cleaned up, not left for the next start to trip over.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('S26 replaces the secret in one step when the write succeeds', async () => {
    const store = new SafeStorageSecretStore({ dir, cipher: fakeCipher(), logger: recordingLogger() });
    await store.set('k', 'old');
    await store.set('k', 'new');
    expect(await store.get('k')).toBe('new');
    expect(await readdir(dir)).toHaveLength(1);
  });
});
