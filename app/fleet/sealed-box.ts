import { createPublicKey, type KeyObject } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';

/** Every sealed fleet message uses one key agreement and one cipher, so nothing weaker is ever accepted. */
const keyManagementAlgorithms = ['ECDH-ES+A256KW'];
const contentEncryptionAlgorithms = ['A256GCM'];

/**
 * Seals bytes (or text) to one X25519 public key as a compact JWE: only the holder of the private
 * half opens it; Redis and everyone reading it see ciphertext. `kid` names the recipient.
 */
export async function sealTo(plaintext: string | Uint8Array, recipient: KeyObject | string, kid: string): Promise<string> {
  const bytes = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
  const key = typeof recipient === 'string' ? createPublicKey(recipient) : recipient;
  return new CompactEncrypt(bytes).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid }).encrypt(key);
}

/** Opens a JWE sealed to this private key; undefined for anything else (another key, garbage). */
export async function openSealed(jwe: string, privateKey: KeyObject): Promise<Uint8Array | undefined> {
  try {
    const { plaintext } = await compactDecrypt(jwe, privateKey, { keyManagementAlgorithms, contentEncryptionAlgorithms });
    return plaintext;
  } catch {
    return undefined;
  }
}

/** `openSealed` for text. */
export async function openSealedText(jwe: string, privateKey: KeyObject): Promise<string | undefined> {
  const plaintext = await openSealed(jwe, privateKey);
  return plaintext === undefined ? undefined : new TextDecoder().decode(plaintext);
}
