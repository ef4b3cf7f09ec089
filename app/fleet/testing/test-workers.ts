import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovedWorker } from '../run-claim.js';
import { loadOrCreateWorkerIdentity, type WorkerIdentity } from '../worker-identity.js';

/** A worker identity in its own temp folder, and how the supervisor would list it once approved. */
export function makeTestWorker(name: string, pools: readonly string[] = ['ward']): { identity: WorkerIdentity; approved: ApprovedWorker; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-fleet-worker-'));
  const identity = loadOrCreateWorkerIdentity(join(dir, 'data'));
  return {
    identity,
    approved: { workerId: identity.fingerprint, name, publicKeyPem: identity.publicKeyPem, leasePublicKeyPem: identity.leasePublicKeyPem, pools },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
