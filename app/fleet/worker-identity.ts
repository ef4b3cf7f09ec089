import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A worker's own Ed25519 key pair: it signs claims; the supervisor approves its fingerprint. */
export interface WorkerIdentity {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, what the supervisor stores on approval. */
  publicKeyPem: string;
  fingerprint: string;
  /** X25519 key the supervisor encrypts leases to (JWE ECDH-ES); its public half is sent with enrolment. */
  leasePrivateKey: KeyObject;
  leasePublicKeyPem: string;
}

export const workerKeyFileName = 'worker-key.pem';
export const workerLeaseKeyFileName = 'worker-lease-key.pem';

/**
 * A short, readable fingerprint of a worker's two public keys: the first 80 bits of a SHA-256
 * over the claim key's SPKI DER and then the lease key's, in base32-like groups an admin can
 * compare by eye ("7F3K-Q2MA-…"). Both keys are in it because the lease key is the one tokens are
 * sealed to: someone able to write Redis must not be able to swap it in a worker's enrolment
 * without the fingerprint an admin compares changing too.
 */
export function fingerprintOf(publicKey: KeyObject, leasePublicKey: KeyObject): string {
  const digest = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .update(leasePublicKey.export({ type: 'spki', format: 'der' }))
    .digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{1,4}/g)?.join('-') ?? out;
}

/** Loads the worker's keys from its data folder, making them (0600) on first start. */
export function loadOrCreateWorkerIdentity(dataDir: string): WorkerIdentity {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const privateKey = loadOrCreateKey(join(dataDir, workerKeyFileName), 'ed25519');
  const leasePrivateKey = loadOrCreateKey(join(dataDir, workerLeaseKeyFileName), 'x25519');
  const publicKey = createPublicKey(privateKey);
  const leasePublicKey = createPublicKey(leasePrivateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey, leasePublicKey),
    leasePrivateKey,
    leasePublicKeyPem: leasePublicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function loadOrCreateKey(keyPath: string, type: 'ed25519' | 'x25519'): KeyObject {
  let key: KeyObject;
  if (existsSync(keyPath)) {
    key = createPrivateKey(readFileSync(keyPath));
    if (key.asymmetricKeyType !== type) throw new Error(`${keyPath} is not an ${type} private key`);
  } else {
    key = type === 'ed25519' ? generateKeyPairSync('ed25519').privateKey : generateKeyPairSync('x25519').privateKey;
    writeFileSync(keyPath, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(keyPath, 0o600);
  return key;
}
