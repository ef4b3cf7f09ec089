import type { KeyObject } from 'node:crypto';
import type { UserView } from '../common/contract.js';
import type { RedactionSettings } from '../common/patient-data.js';
import type { DesktopSigner } from './desktop-key.js';
import { signDesktopMessage, type DesktopEnvelope } from './desktop-message.js';
import { openSealedText, sealTo } from './sealed-box.js';

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
  /** The run's patient redaction, which the worker applies before a line reaches Redis (S91). */
  redaction?: RedactionSettings;
}

export type OpenedLease = { ok: true; lease: TokenLease } | { ok: false; reason: 'undecryptable' | 'unsigned' | 'not_for_this_worker' | 'wrong_run' | 'lapsed'; detail: string };

/** Checks a signed desktop message of one kind (the worker's DesktopTrust: pin, freshness, replays); undefined when refused. */
export type DesktopMessageOpener = (signed: string) => Promise<DesktopEnvelope | undefined>;

/**
 * Signs a lease with the desktop key, then seals it to one worker's X25519 key (JWE
 * ECDH-ES+A256KW, A256GCM). Only that worker can open it, and it takes it only from the desktop
 * it pinned: Redis and every other worker see ciphertext.
 */
export async function sealTokenLease(lease: TokenLease, workerLeasePublicKeyPem: string, desktop: DesktopSigner, now: number): Promise<string> {
  const signed = await signDesktopMessage(desktop, { kind: 'lease', workerId: lease.workerId, runId: lease.runId, body: lease }, now);
  return sealTo(signed, workerLeasePublicKeyPem, lease.workerId);
}

/** Opens a lease on the worker and checks it is signed by the pinned desktop, for this worker, this run, and still live. */
export async function openTokenLease(
  jwe: string,
  own: { workerId: string; leasePrivateKey: KeyObject },
  expected: { runId: string; now: number },
  openSigned: DesktopMessageOpener,
): Promise<OpenedLease> {
  const signed = await openSealedText(jwe, own.leasePrivateKey);
  if (signed === undefined) return { ok: false, reason: 'undecryptable', detail: 'the lease is not sealed to this worker' };
  const envelope = await openSigned(signed);
  if (envelope === undefined) return { ok: false, reason: 'unsigned', detail: 'the lease is not signed by the supervisor this worker pinned' };
  const body = envelope.body as Partial<TokenLease> | null;
  if (body === null || typeof body !== 'object' || typeof body.accessToken !== 'string' || typeof body.leaseExpiresAt !== 'number') {
    return { ok: false, reason: 'unsigned', detail: 'the lease does not have the expected shape' };
  }
  const lease = body as TokenLease;
  if (lease.workerId !== own.workerId || envelope.workerId !== own.workerId) return { ok: false, reason: 'not_for_this_worker', detail: 'the lease names another worker' };
  if (lease.runId !== expected.runId || envelope.runId !== expected.runId) return { ok: false, reason: 'wrong_run', detail: 'the lease is for another run' };
  if (lease.leaseExpiresAt <= expected.now) return { ok: false, reason: 'lapsed', detail: 'the lease has run out' };
  return { ok: true, lease };
}
