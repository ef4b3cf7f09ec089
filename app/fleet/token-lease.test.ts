import { afterAll, describe, expect, it } from 'vitest';
import { openTokenLease, sealTokenLease, type TokenLease } from './token-lease.js';
import { makeTestWorker } from './testing/test-workers.js';
import { testOpener } from './testing/test-desktop.js';
import { createDesktopKey } from './desktop-key.js';

describe('token leases (signed by the desktop key, JWE ECDH-ES+A256KW to the worker\'s X25519 key)', () => {
  const a = makeTestWorker('Ward PC 1');
  const b = makeTestWorker('Ward PC 2');
  afterAll(() => (a.dispose(), b.dispose()));
  const now = Date.UTC(2026, 11, 5, 9);
  const accessToken = 'eyJhbGciOiJSUzI1NiJ9.lease-test-token.sig';
  const lease: TokenLease = {
    runId: 'run-1', workerId: a.approved.workerId, profileId: 'p1', accessToken, tokenExpiresAt: now + 3_600_000,
    leaseExpiresAt: now + 120_000, supervisor: { subject: 'u1', name: 'Dr Ada' },
  };
  const ownA = { workerId: a.approved.workerId, leasePrivateKey: a.identity.leasePrivateKey };
  const desktop = createDesktopKey();
  const openA = testOpener(desktop, 'lease', a.approved.workerId, () => now);
  const seal = (l: TokenLease, key = desktop) => sealTokenLease(l, a.approved.leasePublicKeyPem, key, now);

  it('opens on the worker it was sealed to, and never carries the token in clear', async () => {
    const jwe = await seal(lease);
    expect(jwe).not.toContain(accessToken);
    expect(Buffer.from(jwe.split('.').join(''), 'base64url').toString('latin1')).not.toContain(accessToken);
    expect(await openTokenLease(jwe, ownA, { runId: 'run-1', now }, openA)).toEqual({ ok: true, lease });
  });

  it('S70 a lease replayed by another worker cannot be decrypted', async () => {
    const jwe = await seal(lease);
    const opened = await openTokenLease(jwe, { workerId: b.approved.workerId, leasePrivateKey: b.identity.leasePrivateKey }, { runId: 'run-1', now }, openA);
    expect(opened).toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('S70 a lease moved to another run, or past its TTL, is refused', async () => {
    const jwe = await seal(lease);
    expect(await openTokenLease(jwe, ownA, { runId: 'run-2', now }, openA)).toMatchObject({ ok: false, reason: 'wrong_run' });
    expect(await openTokenLease(jwe, ownA, { runId: 'run-1', now: lease.leaseExpiresAt }, openA)).toMatchObject({ ok: false, reason: 'lapsed' });
  });

  it('S81 a lease sealed to the worker but signed by another desktop key is refused: someone who can write Redis cannot hand a worker a lease', async () => {
    const impostor = createDesktopKey();
    const jwe = await seal(lease, impostor);
    expect(await openTokenLease(jwe, ownA, { runId: 'run-1', now }, openA)).toMatchObject({ ok: false, reason: 'unsigned' });
  });
});
