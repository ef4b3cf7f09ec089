import { sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateWorkerIdentity, workerKeyFileName } from './worker-identity.js';

describe('loadOrCreateWorkerIdentity', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-worker-'));
    dirs.push(dir);
    return join(dir, 'data');
  }

  it('makes an Ed25519 key on first start, stores it 0600, and keeps it across restarts', () => {
    const dir = dataDir();
    const first = loadOrCreateWorkerIdentity(dir);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(statSync(join(dir, workerKeyFileName)).mode & 0o777).toBe(0o600);
    expect(first.fingerprint).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const again = loadOrCreateWorkerIdentity(dir);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
  });

  it('gives two workers different keys and fingerprints; a signature checks only with its own key', () => {
    const a = loadOrCreateWorkerIdentity(dataDir());
    const b = loadOrCreateWorkerIdentity(dataDir());
    expect(a.fingerprint).not.toBe(b.fingerprint);
    const claim = Buffer.from('claim run-1');
    const signature = sign(null, claim, a.privateKey);
    expect(verify(null, claim, a.publicKey, signature)).toBe(true);
    expect(verify(null, claim, b.publicKey, signature)).toBe(false);
  });
});
