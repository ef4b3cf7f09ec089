import { createPublicKey, type KeyObject } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import type { UserView } from '../common/contract.js';

/** What a worker's broker needs to serve one run's bot, for a short while. */
export interface TokenLease {
  runId: string;
  workerId: string;
  profileId: string;
  accessToken: string;
  /** When the token itself expires. */
  tokenExpiresAt: number;
  /** When this lease stops being honoured unless a fresh one replaces it. */
  leaseExpiresAt: number;
  supervisor: UserView;
  company?: string;
}

export type OpenedLease = { ok: true; lease: TokenLease } | { ok: false; reason: 'undecryptable' | 'not_for_this_worker' | 'wrong_run' | 'lapsed'; detail: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Seals a lease to one worker's X25519 key (JWE ECDH-ES+A256KW, A256GCM). Only that worker can
 * open it: Redis and every other worker see ciphertext.
 */
export async function sealTokenLease(lease: TokenLease, workerLeasePublicKeyPem: string): Promise<string> {
  return new CompactEncrypt(encoder.encode(JSON.stringify(lease)))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: lease.workerId })
    .encrypt(createPublicKey(workerLeasePublicKeyPem));
}

/** Opens a lease on the worker and checks it is for this worker, this run, and still live. */
export async function openTokenLease(jwe: string, own: { workerId: string; leasePrivateKey: KeyObject }, expected: { runId: string; now: number }): Promise<OpenedLease> {
  let lease: TokenLease;
  try {
    const { plaintext } = await compactDecrypt(jwe, own.leasePrivateKey, { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] });
    lease = JSON.parse(decoder.decode(plaintext)) as TokenLease;
  } catch {
    return { ok: false, reason: 'undecryptable', detail: 'the lease is not sealed to this worker' };
  }
  if (lease.workerId !== own.workerId) return { ok: false, reason: 'not_for_this_worker', detail: 'the lease names another worker' };
  if (lease.runId !== expected.runId) return { ok: false, reason: 'wrong_run', detail: 'the lease is for another run' };
  if (lease.leaseExpiresAt <= expected.now) return { ok: false, reason: 'lapsed', detail: 'the lease has run out' };
  return { ok: true, lease };
}
