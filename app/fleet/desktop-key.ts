import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../ports/logger.js';
import type { SecretStore } from '../ports/secret-store.js';
import { fleetKeys } from './fleet-channels.js';
import { fingerprintOf } from './worker-identity.js';

/**
 * The supervisor desktop's own keys in fleet mode: Ed25519 signs every message that makes a
 * worker act (leases, answers, control, revokes, refusals), X25519 is what workers seal the
 * artifacts of their bots to. Workers pin its fingerprint (docs/fleet.md, "The desktop key").
 */
export interface DesktopKey {
  fingerprint: string;
  signingKey: KeyObject;
  signingPublicKey: KeyObject;
  sealingPrivateKey: KeyObject;
  sealingPublicKey: KeyObject;
}

/** What a worker knows of the desktop: its public halves, with the fingerprint recomputed from them. */
export interface DesktopPublicKey {
  fingerprint: string;
  signingPublicKey: KeyObject;
  sealingPublicKey: KeyObject;
}

/** What signs a desktop message. */
export type DesktopSigner = Pick<DesktopKey, 'fingerprint' | 'signingKey'>;

/** `rpa:fleet:desktop-key`: a JWK set (no private member) and the fingerprint an admin compares. */
export interface PublishedDesktopKey {
  fingerprint: string;
  keys: JsonWebKey[];
}

/** The SecretStore entry holding both private halves (PKCS#8 PEM). */
export const desktopKeySecretName = 'fleet/desktop-key';

function fromPrivate(signingKey: KeyObject, sealingPrivateKey: KeyObject): DesktopKey {
  const signingPublicKey = createPublicKey(signingKey);
  const sealingPublicKey = createPublicKey(sealingPrivateKey);
  return { fingerprint: fingerprintOf(signingPublicKey, sealingPublicKey), signingKey, signingPublicKey, sealingPrivateKey, sealingPublicKey };
}

/** A fresh key pair of each kind, in memory. */
export function createDesktopKey(): DesktopKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('x25519').privateKey);
}

function parseStored(text: string | undefined): DesktopKey | undefined {
  if (text === undefined) return undefined;
  try {
    const stored = JSON.parse(text) as { signing?: unknown; sealing?: unknown };
    if (typeof stored.signing !== 'string' || typeof stored.sealing !== 'string') return undefined;
    const signing = createPrivateKey(stored.signing);
    const sealing = createPrivateKey(stored.sealing);
    if (signing.asymmetricKeyType !== 'ed25519' || sealing.asymmetricKeyType !== 'x25519') return undefined;
    return fromPrivate(signing, sealing);
  } catch {
    return undefined;
  }
}

/**
 * The desktop key from the SecretStore, made and stored on the first fleet start. A host whose
 * secrets live in memory only makes a new key at every start: the log says so, because every
 * worker that pinned the old one refuses the new one until it is re-pinned on purpose.
 */
export async function loadOrCreateDesktopKey(secrets: SecretStore, logger: Logger): Promise<DesktopKey> {
  const stored = await secrets.get(desktopKeySecretName);
  const existing = parseStored(stored);
  if (existing !== undefined) return existing;
  if (stored !== undefined) logger.warn('The stored fleet desktop key could not be read; a new one was made. Workers must be re-pinned to it (docs/fleet.md).');
  const made = createDesktopKey();
  const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
  await secrets.set(desktopKeySecretName, JSON.stringify({ signing: pem(made.signingKey), sealing: pem(made.sealingPrivateKey) }));
  if (!secrets.persistent) {
    logger.warn(`This computer keeps secrets in memory only, so the fleet desktop key (fingerprint ${made.fingerprint}) is new at every start: after a restart each worker refuses it until re-pinned with --repin-desktop (docs/fleet.md, "The desktop key").`);
  }
  return made;
}

/** The public halves as a JWK set, with the fingerprint workers print when they pin. */
export function publishedDesktopKey(key: Pick<DesktopKey, 'fingerprint' | 'signingPublicKey' | 'sealingPublicKey'>): PublishedDesktopKey {
  return {
    fingerprint: key.fingerprint,
    keys: [
      { ...key.signingPublicKey.export({ format: 'jwk' }), kid: key.fingerprint, use: 'sig', alg: 'EdDSA' },
      { ...key.sealingPublicKey.export({ format: 'jwk' }), kid: key.fingerprint, use: 'enc', alg: 'ECDH-ES+A256KW' },
    ],
  };
}

/** Writes the public halves where workers read them (no TTL: a worker may start at any time). */
export async function publishDesktopKey(redis: Pick<Redis, 'set'>, key: DesktopKey): Promise<void> {
  await redis.set(fleetKeys.desktopKey, JSON.stringify(publishedDesktopKey(key)));
}

/**
 * Reads a published (or pinned) desktop key. The fingerprint is recomputed from the keys, never
 * taken from the text, so a doctored entry cannot show one fingerprint and carry another key.
 */
export function readDesktopPublicKey(text: string | null | undefined): DesktopPublicKey | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const published = JSON.parse(text) as Partial<PublishedDesktopKey>;
    const keys = Array.isArray(published.keys) ? published.keys : [];
    const signing = keys.find((k) => k.kty === 'OKP' && k.crv === 'Ed25519');
    const sealing = keys.find((k) => k.kty === 'OKP' && k.crv === 'X25519');
    if (signing === undefined || sealing === undefined || signing.d !== undefined || sealing.d !== undefined) return undefined;
    const signingPublicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: String(signing.x) }, format: 'jwk' });
    const sealingPublicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: String(sealing.x) }, format: 'jwk' });
    const fingerprint = fingerprintOf(signingPublicKey, sealingPublicKey);
    if (published.fingerprint !== undefined && published.fingerprint !== fingerprint) return undefined;
    return { fingerprint, signingPublicKey, sealingPublicKey };
  } catch {
    return undefined;
  }
}
