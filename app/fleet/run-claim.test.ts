import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRunClaim, claimLifetimeMs, signRunClaim, type ApprovedWorker } from './run-claim.js';
import { makeTestWorker } from './testing/test-workers.js';

describe('run claims (EdDSA, the worker\'s own key)', () => {
  const a = makeTestWorker('Ward PC 1');
  const b = makeTestWorker('Ward PC 2', ['billing']);
  afterAll(() => (a.dispose(), b.dispose()));
  const roster = new Map<string, ApprovedWorker>([[a.approved.workerId, a.approved], [b.approved.workerId, b.approved]]);
  const now = Date.UTC(2026, 11, 5, 9);
  const expected = { runId: 'run-1', pool: 'ward', now };

  it('accepts a fresh claim from an approved worker for the run and pool of the job', async () => {
    const token = await signRunClaim({ workerId: a.approved.workerId, runId: 'run-1', issuedAt: now }, a.identity.privateKey);
    const check = await checkRunClaim(token, expected, (id) => roster.get(id));
    expect(check).toMatchObject({ ok: true, worker: { name: 'Ward PC 1' }, claim: { runId: 'run-1' } });
  });

  it('S70 refuses a forged claim: another key signing in an approved worker\'s name', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const token = await signRunClaim({ workerId: a.approved.workerId, runId: 'run-1', issuedAt: now }, forger);
    expect(await checkRunClaim(token, expected, (id) => roster.get(id))).toMatchObject({ ok: false, reason: 'bad_signature' });
    // One approved worker signing in another's name is a forgery too.
    const impersonation = await signRunClaim({ workerId: a.approved.workerId, runId: 'run-1', issuedAt: now }, b.identity.privateKey);
    expect(await checkRunClaim(impersonation, expected, (id) => roster.get(id))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await checkRunClaim('not.a.token', expected, (id) => roster.get(id))).toMatchObject({ ok: false });
  });

  it('S70 refuses a removed (or never approved) worker, a claim for another run, a stale claim and a foreign pool', async () => {
    const token = await signRunClaim({ workerId: a.approved.workerId, runId: 'run-1', issuedAt: now }, a.identity.privateKey);
    expect(await checkRunClaim(token, expected, () => undefined)).toMatchObject({ ok: false, reason: 'unknown_worker' });
    expect(await checkRunClaim(token, { ...expected, runId: 'run-2' }, (id) => roster.get(id))).toMatchObject({ ok: false, reason: 'wrong_run' });
    expect(await checkRunClaim(token, { ...expected, now: now + claimLifetimeMs + 1000 }, (id) => roster.get(id))).toMatchObject({ ok: false, reason: 'stale' });
    const fromB = await signRunClaim({ workerId: b.approved.workerId, runId: 'run-1', issuedAt: now }, b.identity.privateKey);
    expect(await checkRunClaim(fromB, expected, (id) => roster.get(id))).toMatchObject({ ok: false, reason: 'wrong_pool' });
  });
});
