import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';

/** What a worker asserts when it takes a job: this worker, this run, now. Signed with its Ed25519 key. */
export interface RunClaim {
  workerId: string;
  runId: string;
  issuedAt: number;
}

/** An approved worker as the supervisor knows it (Settings → Workers). */
export interface ApprovedWorker {
  workerId: string;
  name: string;
  /** Ed25519 SPKI PEM: checks claims. */
  publicKeyPem: string;
  /** X25519 SPKI PEM: leases are encrypted to it. */
  leasePublicKeyPem: string;
  pools: readonly string[];
}

export type ClaimCheck =
  | { ok: true; claim: RunClaim; worker: ApprovedWorker }
  | { ok: false; reason: 'unknown_worker' | 'bad_signature' | 'wrong_run' | 'wrong_pool'; detail: string }
  /** Signed by the worker's own key but out of date: `worker` says whose clock to look at. */
  | { ok: false; reason: 'stale'; detail: string; worker: ApprovedWorker };

/** A claim is short-lived: a copy found later cannot start anything. */
export const claimLifetimeMs = 60_000;

export async function signRunClaim(claim: RunClaim, privateKey: KeyObject): Promise<string> {
  return new SignJWT({ runId: claim.runId })
    .setProtectedHeader({ alg: 'EdDSA', kid: claim.workerId })
    .setSubject(claim.workerId)
    .setIssuedAt(Math.floor(claim.issuedAt / 1000))
    .setExpirationTime(Math.floor((claim.issuedAt + claimLifetimeMs) / 1000))
    .sign(privateKey);
}

/**
 * Checks a claim against the approved workers: known worker, its own key, the run the job names,
 * fresh, and a pool the worker belongs to. Nothing in the claim is trusted before its signature.
 */
export async function checkRunClaim(
  token: string,
  expected: { runId: string; pool: string; now: number },
  approved: (workerId: string) => ApprovedWorker | undefined | Promise<ApprovedWorker | undefined>,
): Promise<ClaimCheck> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return { ok: false, reason: 'bad_signature', detail: 'the claim is not a signed token' };
  }
  const worker = kid === undefined ? undefined : await approved(kid);
  if (worker === undefined) return { ok: false, reason: 'unknown_worker', detail: `worker ${kid ?? '(unnamed)'} is not approved` };
  let payload;
  try {
    ({ payload } = await jwtVerify(token, createPublicKey(worker.publicKeyPem), {
      algorithms: ['EdDSA'],
      subject: worker.workerId,
      currentDate: new Date(expected.now),
    }));
  } catch (error) {
    const stale = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    return stale ? { ok: false, reason: 'stale', detail: 'the claim has expired', worker } : { ok: false, reason: 'bad_signature', detail: `the claim is not signed by ${worker.name}'s key` };
  }
  if (payload.runId !== expected.runId) return { ok: false, reason: 'wrong_run', detail: 'the claim names another run' };
  if (!worker.pools.includes(expected.pool)) return { ok: false, reason: 'wrong_pool', detail: `${worker.name} is not in pool ${expected.pool}` };
  return { ok: true, claim: { workerId: worker.workerId, runId: expected.runId, issuedAt: (payload.iat ?? 0) * 1000 }, worker };
}
