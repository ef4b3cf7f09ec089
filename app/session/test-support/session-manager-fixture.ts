import type { Clock } from '../../ports/clock.js';
import { MemorySecretStore, type SecretStore } from '../../ports/secret-store.js';
import { FakeClock } from '../../test-support/fake-clock.js';
import type { Session } from '../session.js';
import { SessionManager, type SessionEvent } from '../session-manager.js';

/** Loopback and never listened on: these tests drive the manager alone, no provider is reached. */
export const issuer = 'http://127.0.0.1:9999';

/**
 * A SessionManager for the `sandbox` profile on a fake clock, recording the notifications it
 * shows and the events it emits. Pass the same `secrets` and `clock` again to play a restart.
 */
export function setup<C extends Clock = FakeClock>(secrets: SecretStore = new MemorySecretStore(), clock: C = new FakeClock() as Clock as C, warningMinutes: number[] = [60, 15, 5]) {
  const notifications: string[] = [];
  const events: SessionEvent[] = [];
  const manager = new SessionManager({
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    notifier: { notify: (n) => notifications.push(n.title) },
    secrets,
    profiles: { get: () => ({ name: 'Sandbox', warningMinutes, issuer }) },
  });
  manager.onDidEvent((e) => events.push(e));
  return { manager, clock, notifications, events, secrets };
}

/** A `sandbox` session received now on `clock`, valid for `lifetimeMs` (default 24 hours). */
export function session(clock: Pick<Clock, 'now'>, lifetimeMs = 86_400_000, token = 'token-one'): Session {
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
