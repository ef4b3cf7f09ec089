import { randomBytes } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import type { DesktopPublicKey, DesktopSigner } from './desktop-key.js';

/**
 * What a desktop message makes a worker do: hold a lease, hear a question's outcome, obey a
 * control verb, drop leases, give up a claim, or learn whether an artifact was kept. The kind is
 * inside the signature, so one kind can never pass for another.
 */
export type DesktopMessageKind = 'lease' | 'answer' | 'control' | 'revoke' | 'refusal' | 'artifactReply';

/** A message for every worker (a broadcast revoke, the kill switch, a refusal of an unknown claimant). */
export const anyWorker = '*';

/**
 * How far a desktop message's issued-at may be from the worker's clock, either way. Messages are
 * read the moment they are published, so 30 s is room for clock drift (keep NTP on) and a slow
 * Redis, and bounds how long a worker must remember the ids it has seen.
 */
export const desktopMessageWindowMs = 30_000;

/** The JWS `typ`: a worker's claim or question (other keys, other types) never passes for one. */
const desktopMessageType = 'rpa-fleet-desktop+jws';

export interface DesktopEnvelope {
  kind: DesktopMessageKind;
  /** The worker it is for, or `*`. */
  workerId: string;
  runId?: string;
  /** Fresh per message: a worker acts on each id once. */
  id: string;
  issuedAt: number;
  body: unknown;
}

const envelopeSchema = z.object({
  kind: z.enum(['lease', 'answer', 'control', 'revoke', 'refusal', 'artifactReply']),
  workerId: z.string().min(1).max(64),
  runId: z.string().min(1).max(200).optional(),
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  issuedAt: z.number().int(),
  body: z.unknown(),
});

export type DesktopMessageRefusal = 'unsigned' | 'other_key' | 'bad_signature' | 'malformed' | 'wrong_kind' | 'other_worker' | 'stale';

export type DesktopMessageCheck =
  | { ok: true; envelope: DesktopEnvelope }
  | { ok: false; reason: Exclude<DesktopMessageRefusal, 'stale'>; detail: string; kid?: string }
  /** Signed and for this worker, but out of date: `issuedAt` by the supervisor's clock. */
  | { ok: false; reason: 'stale'; detail: string; issuedAt: number };

/** Signs one message with the desktop key: a compact JWS over the whole envelope. */
export async function signDesktopMessage(key: DesktopSigner, message: { kind: DesktopMessageKind; workerId: string; runId?: string; body: unknown }, now: number): Promise<string> {
  const envelope: DesktopEnvelope = { kind: message.kind, workerId: message.workerId, ...(message.runId === undefined ? {} : { runId: message.runId }), id: randomBytes(16).toString('base64url'), issuedAt: now, body: message.body };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(envelope))).setProtectedHeader({ alg: 'EdDSA', kid: key.fingerprint, typ: desktopMessageType }).sign(key.signingKey);
}

/** The fingerprint a message says it was signed by (unchecked: only for telling "another key" from garbage). */
export function desktopKidOf(signed: string): string | undefined {
  try {
    const { kid, typ } = decodeProtectedHeader(signed);
    return typ === desktopMessageType && typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a message against a desktop key: signed by it, of the kind the channel carries, for
 * this worker (or every worker) and fresh. Replays inside the window are the caller's to catch
 * (a bounded set of the ids it has acted on).
 */
export async function verifyDesktopMessage(signed: string, desktop: DesktopPublicKey, expected: { kind: DesktopMessageKind; workerId: string; now: number }): Promise<DesktopMessageCheck> {
  const kid = desktopKidOf(signed);
  if (kid === undefined) return { ok: false, reason: 'unsigned', detail: 'the message is not signed by a supervisor' };
  if (kid !== desktop.fingerprint) return { ok: false, reason: 'other_key', detail: `signed by supervisor key ${kid.slice(0, 24)}, not the pinned ${desktop.fingerprint}`, kid };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(signed, desktop.signingPublicKey, { algorithms: ['EdDSA'] }));
  } catch {
    return { ok: false, reason: 'bad_signature', detail: `the signature does not match supervisor key ${desktop.fingerprint}`, kid };
  }
  let parsed;
  try {
    parsed = envelopeSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'the signed message is not readable' };
  }
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: 'the signed message does not have the expected shape' };
  const envelope = parsed.data as DesktopEnvelope;
  if (envelope.kind !== expected.kind) return { ok: false, reason: 'wrong_kind', detail: `a signed ${envelope.kind} message was sent as a ${expected.kind} message` };
  if (envelope.workerId !== expected.workerId && envelope.workerId !== anyWorker) return { ok: false, reason: 'other_worker', detail: 'the message is for another worker' };
  if (Math.abs(expected.now - envelope.issuedAt) > desktopMessageWindowMs) return { ok: false, reason: 'stale', detail: `issued ${Math.round((expected.now - envelope.issuedAt) / 1000)} s from this worker's clock (window ±${desktopMessageWindowMs / 1000} s)`, issuedAt: envelope.issuedAt };
  return { ok: true, envelope };
}
