import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { Session } from './session.js';
import { SessionManager, type SessionEvent } from './session-manager.js';

const issuer = 'http://127.0.0.1:9999';

function setup(secrets = new MemorySecretStore(), clock = new FakeClock()) {
  const notifications: string[] = [];
  const events: SessionEvent[] = [];
  const manager = new SessionManager({
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    notifier: { notify: (n) => notifications.push(n.title) },
    secrets,
    profiles: { get: () => ({ name: 'Sandbox', warningMinutes: [60, 15, 5], issuer }) },
  });
  manager.onDidEvent((e) => events.push(e));
  return { manager, clock, notifications, events, secrets };
}

function session(clock: FakeClock, lifetimeMs = 86_400_000, token = 'token-one'): Session {
  return {
    profileId: 'sandbox',
    issuer,
    accessToken: token,
    tokenType: 'Bearer',
    expiresAt: clock.now() + lifetimeMs,
    receivedAt: clock.now(),
    subject: 'demo',
    name: 'Dr Demo',
    scopes: ['api'],
  };
}

describe('SessionManager', () => {
  it('serves the token while valid, and refuses with distinct codes otherwise (S35, S36)', async () => {
    const { manager, clock } = setup();
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'signed_out' });
    await manager.establish(session(clock, 3_600_000));
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true, accessToken: 'token-one' });
    expect(manager.tokenFor('sandbox', 2 * 3_600_000)).toMatchObject({ ok: false, code: 'insufficient_validity' });
    clock.advance(3_600_000);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: false, code: 'session_expired' });
  });

  it('warns once per threshold, then expires, driven by the clock', async () => {
    const { manager, clock, notifications, events } = setup();
    await manager.establish(session(clock));
    clock.advance(86_400_000 - 60 * 60_000);
    expect(manager.status('sandbox')).toEqual({ status: 'expiring', warningMinutes: 60 });
    clock.advance(45 * 60_000);
    clock.advance(10 * 60_000);
    clock.advance(5 * 60_000);
    expect(manager.status('sandbox').status).toBe('expired');
    expect(notifications).toEqual([
      'Sandbox: session ends in 60 minutes',
      'Sandbox: session ends in 15 minutes',
      'Sandbox: session ends in 5 minutes',
      'Sandbox: session expired',
    ]);
    expect(events.filter((e) => e.type === 'expired')).toHaveLength(1);
  });

  it('recheck after sleep announces only the current state, not every missed warning', async () => {
    const clock = new FakeClock();
    const { manager, notifications } = setup(new MemorySecretStore(), clock);
    await manager.establish(session(clock));
    clock.sleepUntil(clock.now() + 86_400_000 - 10 * 60_000);
    manager.recheck();
    expect(manager.status('sandbox')).toEqual({ status: 'expiring', warningMinutes: 15 });
    expect(notifications).toEqual(['Sandbox: session ends in 15 minutes']);
  });

  it('recheck with nothing changed announces nothing', async () => {
    const { manager, clock, events, notifications } = setup();
    await manager.establish(session(clock));
    clock.advance(86_400_000 - 30 * 60_000);
    const changes: string[] = [];
    manager.onDidChange((id) => changes.push(id));
    const before = events.length;
    manager.recheck();
    manager.recheck();
    expect(events.length).toBe(before);
    expect(changes).toEqual([]);
    expect(notifications).toEqual(['Sandbox: session ends in 60 minutes']);
    // A real change is announced once: the next thresholds, then expiry.
    clock.advance(15 * 60_000);
    expect(changes).toEqual(['sandbox']);
    clock.advance(15 * 60_000);
    expect(events.slice(before).map((e) => (e.type === 'warning' ? e.minutesLeft : e.type))).toEqual([15, 5, 'expired']);
    const settled = changes.length;
    manager.recheck();
    expect(changes.length).toBe(settled);
  });

  it('a listener that throws never aborts the caller, and the others still hear', async () => {
    const logged: string[] = [];
    const manager = new SessionManager({
      clock: new FakeClock(),
      logger: { info: () => undefined, warn: () => undefined, error: (m) => void logged.push(m) },
      notifier: { notify: () => undefined },
      secrets: new MemorySecretStore(),
      profiles: { get: () => ({ name: 'Sandbox', warningMinutes: [60, 15, 5], issuer }) },
    });
    manager.onDidEvent(() => {
      throw new Error('a broken subscriber');
    });
    manager.onDidChange(() => {
      throw new Error('another broken subscriber');
    });
    const heard: string[] = [];
    manager.onDidEvent((e) => heard.push(e.type));
    const clock = new FakeClock();
    await expect(manager.establish(session(clock))).resolves.toBe(false);
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true });
    expect(heard).toEqual(['established']);
    expect(logged).toEqual(['a session listener failed', 'a session listener failed']);
  });

  it('keeps one state per profile, moving only along the table', async () => {
    const { manager, clock } = setup();
    expect(manager.state('sandbox')).toEqual({ status: 'signedOut' });
    await manager.establish(session(clock, 60_000));
    // A one-minute token is inside every warning threshold at once; each is announced once.
    expect(manager.state('sandbox')).toMatchObject({ status: 'active', announced: [60, 15, 5], refreshFailed: false });
    clock.advance(60_000);
    expect(manager.state('sandbox')).toMatchObject({ status: 'expired', session: { accessToken: 'token-one' } });
    await manager.signOut('sandbox');
    expect(manager.state('sandbox')).toEqual({ status: 'signedOut' });
  });

  it('re-authentication swaps the token in place and resets warnings', async () => {
    const { manager, clock, events } = setup();
    await manager.establish(session(clock, 10 * 60_000, 'old'));
    await manager.establish(session(clock, 86_400_000, 'new'));
    expect(manager.tokenFor('sandbox', 0)).toMatchObject({ ok: true, accessToken: 'new' });
    expect(events.filter((e) => e.type === 'established').map((e) => (e as { replaced: boolean }).replaced)).toEqual([false, true]);
  });

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

describe('SessionManager company tokens', () => {
  it('serves a company token only while the user session is live, and passes denials through', async () => {
    const clock = new FakeClock();
    const companyTokens = {
      tokenFor: (_p: string, companyId: string) =>
        companyId === 'c1'
          ? { ok: true as const, accessToken: 'company-token', expiresAt: clock.now() + 3_600_000 }
          : { ok: false as const, code: 'signed_out' as const, message: 'not connected' },
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const manager = new SessionManager({
      clock,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      notifier: { notify: () => undefined },
      secrets: new MemorySecretStore(),
      profiles: { get: () => ({ name: 'HCSS', warningMinutes: [60, 15, 5], issuer }) },
      companyTokens,
    });
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: false, code: 'signed_out' });
    await manager.establish(session(clock));
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: true, accessToken: 'company-token', company: 'c1', supervisor: { subject: 'demo' } });
    expect(manager.tokenFor('sandbox', 0, 'c2')).toMatchObject({ ok: false, code: 'signed_out', message: 'not connected' });
    clock.advance(86_400_000);
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: false, code: 'session_expired' });
  });
});
