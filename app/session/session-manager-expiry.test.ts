import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { SessionManager } from './session-manager.js';
import { issuer, session, setup } from './test-support/session-manager-fixture.js';

/** SessionManager's states over the clock: serving the token, warnings, expiry and re-authentication. */
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

  it('a warning one minute before the end says "1 minute"', async () => {
    const { manager, clock, notifications } = setup(new MemorySecretStore(), new FakeClock(), [1]);
    await manager.establish(session(clock));
    clock.advance(86_400_000 - 60_000);
    expect(notifications).toEqual(['Sandbox: session ends in 1 minute']);
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
});
