import { describe, expect, it } from 'vitest';
import { MemorySecretStore, type SecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { SessionManager, type SessionEvent } from './session-manager.js';
import { issuer, session, setup } from './test-support/session-manager-fixture.js';

/**
 * A secret store whose writes land only when the test says, as a fsync on a busy disk would:
 * deletes and reads go straight through, so a sign-out can overtake a write still in flight.
 */
class SlowWrites implements SecretStore {
  readonly persistent = true;
  readonly inner = new MemorySecretStore();
  readonly #pending: Array<() => void> = [];

  get pendingWrites(): number {
    return this.#pending.length;
  }

  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }

  set(key: string, value: string): Promise<void> {
    return new Promise((resolve) => this.#pending.push(() => void this.inner.set(key, value).then(resolve)));
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  /** Lets the oldest write land. */
  landOne(): void {
    this.#pending.shift()?.();
  }
}

/** Lets every queued microtask and storage call settle, without timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe('SessionManager storage races', () => {
  it('S103 a sign-out while the sign-in is still being stored stays signed out, in memory and after a restart', async () => {
    const secrets = new SlowWrites();
    const clock = new FakeClock();
    const { manager, events } = setup(secrets, clock);
    const establishing = manager.establish(session(clock));
    await settle();
    const signingOut = manager.signOut('sandbox');
    // The disk finishes the sign-in's write only now, after Sign out was pressed.
    while (secrets.pendingWrites === 0) await settle();
    secrets.landOne();
    await Promise.all([establishing, signingOut]);

    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    expect(await secrets.inner.get('session:sandbox')).toBeUndefined();
    // Listeners (the audit trail, the views) hear it in the order it happened.
    expect(events.map((e) => e.type)).toEqual(['established', 'signedOut']);

    const restarted = setup(secrets.inner, clock);
    await restarted.manager.restore(['sandbox']);
    expect(restarted.manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
  });

  it('S103 a sign-out while a refreshed token is being stored leaves no token on disk', async () => {
    const secrets = new SlowWrites();
    const clock = new FakeClock();
    const events: SessionEvent[] = [];
    const manager = new SessionManager({
      clock,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      notifier: { notify: () => undefined },
      secrets,
      profiles: { get: () => ({ name: 'Sandbox', warningMinutes: [60, 15, 5], issuer }) },
      refresher: { refresh: async (old) => ({ ...old, accessToken: 'token-two', receivedAt: clock.now(), expiresAt: clock.now() + 86_400_000 }) },
    });
    manager.onDidEvent((e) => events.push(e));
    const establishing = manager.establish({ ...session(clock), refreshToken: 'refresh-one' });
    while (secrets.pendingWrites === 0) await settle();
    secrets.landOne();
    await establishing;

    const refreshing = manager.refreshNow('sandbox');
    while (secrets.pendingWrites === 0) await settle();
    const signingOut = manager.signOut('sandbox');
    await settle();
    secrets.landOne();
    await Promise.all([refreshing, signingOut]);

    expect(manager.session('sandbox')).toBeUndefined();
    expect(await secrets.inner.get('session:sandbox')).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['established', 'refreshed', 'signedOut']);
  });

  it('a sign-out whose delete fails still ends the session and is announced, and the failure reaches the caller', async () => {
    const inner = new MemorySecretStore();
    const secrets: SecretStore = { persistent: true, get: (k) => inner.get(k), set: (k, v) => inner.set(k, v), delete: async () => Promise.reject(new Error('locked')) };
    const { manager, clock, events } = setup(secrets);
    await manager.establish(session(clock));
    const changes: string[] = [];
    manager.onDidChange((id) => changes.push(id));
    await expect(manager.signOut('sandbox')).rejects.toThrow('locked');
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    expect(events.map((e) => e.type)).toEqual(['established', 'signedOut']);
    expect(changes).toEqual(['sandbox']);
  });

  it('two sign-ins in a row: the store keeps the later one even when its write lands first', async () => {
    const clock = new FakeClock();
    let releaseFirst: () => void = () => undefined;
    const inner = new MemorySecretStore();
    let writes = 0;
    const secrets: SecretStore = {
      persistent: true,
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      async set(key, value) {
        writes += 1;
        // The first write is slow (a busy disk); the second is quick.
        if (writes === 1) await new Promise<void>((resolve) => (releaseFirst = resolve));
        await inner.set(key, value);
      },
    };
    const { manager } = setup(secrets, clock);
    const first = manager.establish(session(clock, 86_400_000, 'token-one'));
    await settle();
    const second = manager.establish(session(clock, 86_400_000, 'token-two'));
    await settle();
    releaseFirst();
    await Promise.all([first, second]);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true, accessToken: 'token-two' });
    expect(await inner.get('session:sandbox')).toContain('token-two');
  });
});
