import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { SecretStore } from '../ports/secret-store.js';

/** One HMAC key of the chain and the first record it seals. */
export interface ChainKey {
  kid: string;
  key: Buffer;
  fromSeq: number;
}

const chainKeysName = 'audit.chainKeys';
const signingKeyName = 'audit.signingKey';

/**
 * The audit trail's keys, held in the SecretStore: the HMAC keys of the chain (every key this
 * computer has used, each with the first record it seals) and the Ed25519 key that signs
 * checkpoints. Someone who can write the trail but not read the SecretStore cannot forge a MAC or
 * a checkpoint. On a memory-only host the keys last for one session, so the chain is then only
 * tamper-evident within the session; `persistent` says which.
 */
export class AuditKeys {
  readonly persistent: boolean;
  readonly #secrets: SecretStore;
  #chain: ChainKey[];
  readonly #signing: { privateKey: KeyObject; publicKey: KeyObject };

  private constructor(secrets: SecretStore, chain: ChainKey[], signing: { privateKey: KeyObject; publicKey: KeyObject }) {
    this.persistent = secrets.persistent;
    this.#secrets = secrets;
    this.#chain = chain;
    this.#signing = signing;
  }

  static async load(secrets: SecretStore): Promise<AuditKeys> {
    const chain = parseChainKeys(await secrets.get(chainKeysName));
    let pem = await secrets.get(signingKeyName);
    let privateKey: KeyObject | undefined;
    try {
      privateKey = pem === undefined ? undefined : createPrivateKey(pem);
    } catch {
      privateKey = undefined;
    }
    if (privateKey?.asymmetricKeyType !== 'ed25519') {
      privateKey = generateKeyPairSync('ed25519').privateKey;
      pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      await secrets.set(signingKeyName, pem);
    }
    return new AuditKeys(secrets, chain, { privateKey, publicKey: createPublicKey(privateKey) });
  }

  /** The key that seals new records, if one has been started. */
  get current(): ChainKey | undefined {
    return this.#chain.at(-1);
  }

  /** The key that must have sealed record `seq`, or undefined for records before every known key. */
  keyFor(seq: number): ChainKey | undefined {
    let found: ChainKey | undefined;
    for (const key of this.#chain) if (key.fromSeq <= seq) found = key;
    return found;
  }

  /** Starts a new chain key whose first record is `fromSeq` (the key-change record). */
  async startKey(fromSeq: number): Promise<ChainKey> {
    const key = randomBytes(32);
    const next: ChainKey = { kid: keyIdOf(key), key, fromSeq };
    const chain = [...this.#chain.filter((k) => k.fromSeq < fromSeq), next];
    await this.#secrets.set(chainKeysName, JSON.stringify(chain.map((k) => ({ kid: k.kid, key: k.key.toString('base64'), fromSeq: k.fromSeq }))));
    this.#chain = chain;
    return next;
  }

  /** The public half of the checkpoint key (SPKI, base64) the auditor keeps. */
  get publicKey(): string {
    return this.#signing.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  /** A short, readable fingerprint of the public key: SHA-256, grouped hex. */
  get fingerprint(): string {
    return fingerprintOf(this.publicKey);
  }

  sign(payload: string): string {
    return signWith(this.#signing.privateKey, payload);
  }
}

/** HMAC-SHA-256 over the previous record's link (its MAC, or its hash before keying) and this record's hash. */
export function macOf(key: Buffer, previousLink: string, hash: string): string {
  return createHmac('sha256', key).update(`${previousLink}\n${hash}`, 'utf8').digest('hex');
}

export function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)?.join(':') ?? hex;
}

function signWith(privateKey: KeyObject, payload: string): string {
  // Ed25519 signs the message itself: no digest algorithm is named.
  return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
}

/** Checks an Ed25519 signature against a public key given as SPKI DER in base64. */
export function signatureValid(publicKeyBase64: string, payload: string, signature: string): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A key id that names the key without revealing it. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('rpa-supervisor audit key id\n').update(key).digest('hex').slice(0, 16);
}

function parseChainKeys(text: string | undefined): ChainKey[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter((k): k is { kid: string; key: string; fromSeq: number } => typeof k?.kid === 'string' && typeof k?.key === 'string' && Number.isSafeInteger(k?.fromSeq))
      .map((k) => ({ kid: k.kid, key: Buffer.from(k.key, 'base64'), fromSeq: k.fromSeq }))
      .sort((a, b) => a.fromSeq - b.fromSeq);
  } catch {
    return [];
  }
}
