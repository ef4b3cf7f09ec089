import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { ApprovedWorker } from './run-claim.js';

/**
 * A bot's artifact on its way from a worker to the desktop (docs/fleet.md, "Artifacts"). The
 * content is a JWE sealed to the desktop key's X25519 half; what it is (run, name, kind, size
 * and a digest of the JWE) is an EdDSA JWS by the worker's key, like a claim, so only the run's
 * own worker can hand the desktop a file for that run.
 */
export interface ArtifactEnvelope {
  /** EdDSA JWS by the worker's key over `ArtifactFacts`. */
  signed: string;
  /** JWE (ECDH-ES+A256KW / A256GCM) of the file's bytes, to the desktop's sealing key. */
  sealed: string;
}

export interface ArtifactFacts {
  runId: string;
  artifactId: string;
  name: string;
  kind: 'screenshot' | 'file';
  bytes: number;
  /**
   * The worker refused the file itself, past the room (bytes) this run had left there: no content
   * is sealed (`sealed` is empty) and the desktop only keeps the refusal with the run.
   */
  refusedRoom?: number;
}

/** Worker → supervisor on `fleetChannels.artifacts`: the envelope waits under `fleetKeys.artifact`. */
export interface ArtifactAnnouncement {
  runId: string;
  artifactId: string;
}

/** Supervisor → worker (signed `artifactReply` body): kept, or refused with the code the bot hears. */
export type ArtifactReply = { artifactId: string; ok: true; id: string; name: string; bytes: number } | { artifactId: string; ok: false; code: string; message: string };

/** How long a sealed artifact waits in Redis for the desktop to take it. */
export const artifactLifetimeMs = 10 * 60_000;

const artifactType = 'rpa-fleet-artifact+jwt';
export const artifactIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

const factsSchema = z.object({
  runId: z.string().min(1).max(200),
  artifactId: z.string().regex(artifactIdPattern),
  name: z.string().min(1).max(200),
  kind: z.enum(['screenshot', 'file']),
  bytes: z.number().int().min(0),
  refusedRoom: z.number().int().min(0).optional(),
  sealedSha256: z.string().regex(/^[a-f0-9]{64}$/),
});

function digest(sealed: string): string {
  return createHash('sha256').update(sealed).digest('hex');
}

export async function signArtifact(facts: ArtifactFacts, sealed: string, worker: { workerId: string; privateKey: KeyObject }, issuedAt: number): Promise<string> {
  return new SignJWT({ ...facts, sealedSha256: digest(sealed) })
    .setProtectedHeader({ alg: 'EdDSA', kid: worker.workerId, typ: artifactType })
    .setSubject(worker.workerId)
    .setIssuedAt(Math.floor(issuedAt / 1000))
    .setExpirationTime(Math.floor((issuedAt + artifactLifetimeMs) / 1000))
    .sign(worker.privateKey);
}

export type ArtifactCheck = { ok: true; facts: ArtifactFacts } | { ok: false; detail: string };

/**
 * Checks an artifact against the worker the run was granted to: signed by that worker's key (not
 * merely an approved one), for this run and this artifact id, unexpired, and covering exactly
 * this sealed content.
 */
export async function checkArtifact(envelope: ArtifactEnvelope, expected: { runId: string; artifactId: string; holder: ApprovedWorker | undefined; now: number }): Promise<ArtifactCheck> {
  const { holder } = expected;
  if (holder === undefined) return { ok: false, detail: 'no worker holds this run' };
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(envelope.signed).kid;
  } catch {
    return { ok: false, detail: 'the artifact is not signed' };
  }
  if (kid !== holder.workerId) return { ok: false, detail: `the artifact is signed by ${String(kid).slice(0, 24)}, not by ${holder.name}, which holds the run` };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(envelope.signed, createPublicKey(holder.publicKeyPem), { algorithms: ['EdDSA'], subject: holder.workerId, typ: artifactType, currentDate: new Date(expected.now) }));
  } catch {
    return { ok: false, detail: `the artifact is not signed by ${holder.name}'s key, or has expired` };
  }
  const parsed = factsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, detail: 'the artifact facts do not have the expected shape' };
  const { sealedSha256, ...facts } = parsed.data;
  if (facts.runId !== expected.runId || facts.artifactId !== expected.artifactId) return { ok: false, detail: 'the signed artifact names another run or artifact' };
  if (sealedSha256 !== digest(envelope.sealed)) return { ok: false, detail: 'the sealed content is not the one the worker signed' };
  return { ok: true, facts };
}
