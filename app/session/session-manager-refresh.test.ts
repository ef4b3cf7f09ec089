import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { Session } from './session.js';
import { SessionManager, type SessionEvent } from './session-manager.js';
import { issuer, session, setup } from './test-support/session-manager-fixture.js';

/** SessionManager's refresh: one refresh for concurrent callers, and a failed one never costs the token early. */
describe('SessionManager refresh', () => {
  function withRefresh(refresh: (s: Session) => Promise<Session>, clock = new FakeClock()) {
    const events: SessionEvent[] = [];
    const manager = new SessionManager({
      clock,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      notifier: { notify: () => undefined },
      secrets: new MemorySecretStore(),
      profiles: { get: () => ({ name: 'Sandbox', warningMinutes: [60, 15, 5], issuer }) },
      refresher: { refresh },
    });
    manager.onDidEvent((e) => events.push(e));
    return { manager, clock, events };
  }

  it('concurrent callers share one refresh, and a rotated refresh token replaces the old one', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const clock = new FakeClock();
    const { manager } = withRefresh(async (old) => {
      calls += 1;
      await gate;
      return { ...old, accessToken: 'token-two', refreshToken: 'refresh-two', receivedAt: clock.now(), expiresAt: clock.now() + 86_400_000 };
    }, clock);
    await manager.establish({ ...session(clock), refreshToken: 'refresh-one' });
    const all = Promise.all([manager.refreshNow('sandbox'), manager.refreshNow('sandbox'), manager.refreshNow('sandbox')]);
    release();
    expect(await all).toEqual([true, true, true]);
    expect(calls).toBe(1);
    expect(manager.session('sandbox')).toMatchObject({ accessToken: 'token-two', refreshToken: 'refresh-two' });
  });

  it('without a refresh token nothing is refreshed (Healthcode)', async () => {
    let calls = 0;
    const { manager, clock } = withRefresh(async (s) => {
      calls += 1;
      return s;
    });
    await manager.establish(session(clock, 3_600_000));
    clock.advance(3_000_000);
    expect(await manager.refreshNow('sandbox')).toBe(false);
    expect(calls).toBe(0);
  });

  it('a failed refresh keeps the current token until expiry, reports once and is not retried', async () => {
    let calls = 0;
    const { manager, clock, events } = withRefresh(async () => {
      calls += 1;
      throw Object.assign(new Error('nope'), { code: 'token_endpoint_timeout' });
    });
    await manager.establish({ ...session(clock, 3_600_000), refreshToken: 'refresh-one' });
    clock.advance(0.8 * 3_600_000);
    await expect.poll(() => events.some((e) => e.type === 'refreshFailed')).toBe(true);
    expect(events.filter((e) => e.type === 'refreshFailed')).toEqual([{ type: 'refreshFailed', profileId: 'sandbox', code: 'token_endpoint_timeout' }]);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true, accessToken: 'token-one' });
    clock.advance(0.1 * 3_600_000);
    expect(calls).toBe(1);
    clock.advance(0.1 * 3_600_000);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'session_expired' });
  });

  it('a refresher that throws at once fails like any other refresh: reported once, not retried', async () => {
    let calls = 0;
    const { manager, clock, events } = withRefresh(() => {
      calls += 1;
      throw Object.assign(new Error('nope'), { code: 'internal_error' });
    });
    await manager.establish({ ...session(clock, 3_600_000), refreshToken: 'refresh-one' });
    clock.advance(0.8 * 3_600_000);
    await expect.poll(() => events.filter((e) => e.type === 'refreshFailed').length).toBe(1);
    expect(manager.state('sandbox')).toMatchObject({ status: 'active', refreshFailed: true });
    clock.advance(0.1 * 3_600_000);
    expect(calls).toBe(1);
  });

  it('S25 a keychain that throws on decrypt: the stored session is discarded, no crash', async () => {
    const deleted: string[] = [];
    const secrets = {
      persistent: true,
      get: async () => {
        throw new Error('decrypt failed');
      },
      set: async () => undefined,
      delete: async (key: string) => void deleted.push(key),
    };
    const { manager, events } = setup(secrets as never);
    await manager.restore(['sandbox']);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    expect(events).toContainEqual({ type: 'discarded', profileId: 'sandbox', reason: 'unreadable' });
    expect(deleted).toEqual(['session:sandbox']);
  });
});
