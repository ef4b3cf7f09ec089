import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { session, setup } from './test-support/session-manager-fixture.js';

/** SessionManager and the stored session: restoring it at start, discarding it, deleting it at sign-out. */
describe('SessionManager', () => {
  it('S28 restores a valid stored session and discards an expired one', async () => {
    const secrets = new MemorySecretStore();
    const clock = new FakeClock();
    const first = setup(secrets, clock);
    await first.manager.establish(session(clock, 60_000));
    const restarted = setup(secrets, clock);
    await restarted.manager.restore(['sandbox']);
    expect(restarted.manager.tokenFor('sandbox', 0).ok).toBe(true);

    clock.advance(60_000);
    const later = setup(secrets, clock);
    await later.manager.restore(['sandbox']);
    // Never served: the broker says the session expired, so bots wait for re-authentication.
    expect(later.manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'session_expired' });
    expect(JSON.stringify(later.manager.tokenFor('sandbox', 0))).not.toContain('token-one');
    expect(later.manager.session('sandbox')).toBeUndefined();
    expect(later.events).toContainEqual({ type: 'discarded', profileId: 'sandbox', reason: 'expired' });
    expect(await secrets.get('session:sandbox')).toBeUndefined();
    // The session shows Expired, with who it was and when it ended; nothing secret is kept.
    expect(later.manager.status('sandbox')).toEqual({ status: 'expired' });
    const summary = later.manager.summary('sandbox');
    expect(summary).toEqual({ subject: 'demo', name: 'Dr Demo', expiresAt: clock.now(), scopes: ['api'] });
    expect(JSON.stringify(summary)).not.toContain('token-one');
  });

  it('S28 an expired-at-start session shows Expired until the user signs in again', async () => {
    const secrets = new MemorySecretStore();
    const clock = new FakeClock();
    await setup(secrets, clock).manager.establish(session(clock, 60_000));
    clock.advance(120_000);
    const { manager } = setup(secrets, clock);
    await manager.restore(['sandbox']);
    expect(manager.status('sandbox').status).toBe('expired');

    await manager.establish(session(clock, 86_400_000, 'token-two'));
    expect(manager.status('sandbox').status).toBe('active');
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true, accessToken: 'token-two' });
  });

  it('S28 an expired-at-start session shows Expired until the user signs out', async () => {
    const secrets = new MemorySecretStore();
    const clock = new FakeClock();
    await setup(secrets, clock).manager.establish(session(clock, 60_000));
    clock.advance(120_000);
    const { manager } = setup(secrets, clock);
    const changes: string[] = [];
    manager.onDidChange((id) => changes.push(id));
    await manager.restore(['sandbox']);
    changes.length = 0;

    await manager.signOut('sandbox');
    expect(manager.status('sandbox')).toEqual({ status: 'signedOut' });
    expect(manager.summary('sandbox')).toBeUndefined();
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    // The view is told, so it stops showing Expired.
    expect(changes).toContain('sandbox');
  });

  it('S25 an unreadable stored session is discarded without a crash', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('session:sandbox', '{not json');
    const { manager, events } = setup(secrets);
    await manager.restore(['sandbox']);
    expect(manager.tokenFor('sandbox', 0).ok).toBe(false);
    expect(events).toContainEqual({ type: 'discarded', profileId: 'sandbox', reason: 'unreadable' });
  });

  it('S29 sign-out deletes the stored token', async () => {
    const { manager, clock, secrets } = setup();
    await manager.establish(session(clock));
    expect(await secrets.get('session:sandbox')).toContain('token-one');
    await manager.signOut('sandbox');
    expect(await secrets.get('session:sandbox')).toBeUndefined();
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
  });
});
