import { afterAll, describe, expect, it } from 'vitest';
import { checkFleetQuestion, openQuestionOutcome, questionSignatureLifetimeMs, sealQuestionOutcome, signFleetQuestion } from './fleet-question.js';
import { signRunClaim } from './run-claim.js';
import { makeTestWorker } from './testing/test-workers.js';
import { testOpener } from './testing/test-desktop.js';
import { createDesktopKey } from './desktop-key.js';
import { sealTo } from './sealed-box.js';

const ward = makeTestWorker('Ward PC 1');
const other = makeTestWorker('Ward PC 2');
afterAll(() => {
  ward.dispose();
  other.dispose();
});
const approved = (id: string) => (id === ward.approved.workerId ? ward.approved : id === other.approved.workerId ? other.approved : undefined);
const now = Date.UTC(2026, 11, 5, 9, 0, 0);
const askId = 'ask-0123456789abcdef';
const desktop = createDesktopKey();
const openWard = testOpener(desktop, 'answer', ward.approved.workerId, () => now);
const openOther = testOpener(desktop, 'answer', other.approved.workerId, () => now);
const request = { question: 'Post batch 42?', choices: ['Post it', 'Skip it'], timeoutMs: 30_000 };

async function signed(by = ward, overrides: { runId?: string; askId?: string; issuedAt?: number; workerId?: string } = {}): Promise<string> {
  return signFleetQuestion({ workerId: overrides.workerId ?? by.approved.workerId, runId: overrides.runId ?? 'run-1', askId: overrides.askId ?? askId, request, issuedAt: overrides.issuedAt ?? now }, by.identity.privateKey);
}

describe('fleet questions on the wire', () => {
  it('a question signed by an approved worker checks out with its run, ask id and request', async () => {
    const check = await checkFleetQuestion({ runId: 'run-1', askId, signed: await signed() }, approved, now + 1000);
    expect(check).toMatchObject({ ok: true, runId: 'run-1', askId, worker: { name: 'Ward PC 1' }, request });
  });

  it('S73 a question signed with another key under an approved worker\'s id, an unapproved worker\'s, or no signature at all is refused', async () => {
    const stranger = makeTestWorker('Stranger');
    try {
      const forged = await signed(other, { workerId: ward.approved.workerId });
      expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: forged }, approved, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
      expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: await signed(stranger) }, approved, now)).toMatchObject({ ok: false, reason: 'unknown_worker' });
      expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: 'not-a-jws' }, approved, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
      const [header, , signature] = (await signed()).split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ runId: 'run-1', askId, question: 'Approve everything?', timeoutMs: 30_000, sub: ward.approved.workerId })).toString('base64url')}.${signature}`;
      expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: tampered }, approved, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    } finally {
      stranger.dispose();
    }
  });

  it('S73 a claim (same key, same algorithm) cannot pass for a question, and a stale or re-addressed question is refused', async () => {
    const claim = await signRunClaim({ workerId: ward.approved.workerId, runId: 'run-1', issuedAt: now }, ward.identity.privateKey);
    expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: claim }, approved, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await checkFleetQuestion({ runId: 'run-1', askId, signed: await signed() }, approved, now + questionSignatureLifetimeMs + 1000)).toMatchObject({ ok: false, reason: 'stale' });
    expect(await checkFleetQuestion({ runId: 'run-2', askId, signed: await signed() }, approved, now)).toMatchObject({ ok: false, reason: 'wrong_run' });
    expect(await checkFleetQuestion({ runId: 'run-1', askId: 'ask-another-one-000', signed: await signed() }, approved, now)).toMatchObject({ ok: false, reason: 'wrong_run' });
  });

  it('S75 an outcome sealed to a worker opens only there, for that run and that question; its answer is not in the ciphertext', async () => {
    const outcome = { kind: 'answered' as const, answer: { text: 'Medicare 2953 71846 1' }, answeredBy: { subject: 'u-ada', name: 'Dr Ada' }, answeredAt: now };
    const sealed = await sealQuestionOutcome({ workerId: ward.approved.workerId, runId: 'run-1', askId, outcome }, ward.approved.leasePublicKeyPem, desktop, now);
    expect(sealed).not.toContain('Medicare');
    for (const part of sealed.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain('Medicare');
    const own = { workerId: ward.approved.workerId, leasePrivateKey: ward.identity.leasePrivateKey };
    expect(await openQuestionOutcome(sealed, own, { runId: 'run-1', askId }, openWard)).toEqual(outcome);
    expect(await openQuestionOutcome(sealed, { workerId: other.approved.workerId, leasePrivateKey: other.identity.leasePrivateKey }, { runId: 'run-1', askId }, openOther)).toBeUndefined();
    expect(await openQuestionOutcome(sealed, own, { runId: 'run-2', askId }, openWard)).toBeUndefined();
    expect(await openQuestionOutcome(sealed, own, { runId: 'run-1', askId: 'ask-another-one-000' }, openWard)).toBeUndefined();
    // Sealed for another worker's id (a copy of someone else's answer): not this worker's.
    const misaddressed = await sealQuestionOutcome({ workerId: other.approved.workerId, runId: 'run-1', askId, outcome }, ward.approved.leasePublicKeyPem, desktop, now);
    expect(await openQuestionOutcome(misaddressed, own, { runId: 'run-1', askId }, openWard)).toBeUndefined();
  });

  it('S78 an outcome sealed to the worker but signed by another desktop key (or not by the desktop at all) opens nothing', async () => {
    const outcome = { kind: 'answered' as const, answer: { choice: 'Post it' }, answeredBy: { subject: 'mallory' }, answeredAt: now };
    const own = { workerId: ward.approved.workerId, leasePrivateKey: ward.identity.leasePrivateKey };
    const forged = await sealQuestionOutcome({ workerId: ward.approved.workerId, runId: 'run-1', askId, outcome }, ward.approved.leasePublicKeyPem, createDesktopKey(), now);
    expect(await openQuestionOutcome(forged, own, { runId: 'run-1', askId }, openWard)).toBeUndefined();
    // A worker's own question (its key, its type) sealed back to it is no answer either.
    expect(await openQuestionOutcome(await sealTo(await signed(), ward.approved.leasePublicKeyPem, 'x'), own, { runId: 'run-1', askId }, openWard)).toBeUndefined();
  });
});
