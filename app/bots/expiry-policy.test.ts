import { describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { SessionManager } from '../session/session-manager.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { followExpiryPolicy, type ExpiryPolicy } from './expiry-policy.js';

/** The real SessionManager on a fake clock: expiry comes from time passing, as in the app. */
async function setUp(policies: Record<string, ExpiryPolicy | undefined>) {
  const clock = new FakeClock();
  const sessions = new SessionManager({
    clock,
    logger: nullLogger,
    notifier: { notify: () => undefined },
    secrets: new MemorySecretStore(),
    profiles: { get: (id) => ({ name: id, warningMinutes: [5], issuer: 'https://issuer.example' }) },
  });
  const halted: [string, string][] = [];
  const subscription = followExpiryPolicy({
    sessions,
    runs: { haltProfile: async (profileId, reason) => void halted.push([profileId, reason]) },
    policyOf: (profileId) => policies[profileId],
  });
  for (const profileId of Object.keys(policies)) {
    await sessions.establish({
      profileId,
      issuer: 'https://issuer.example',
      accessToken: `token-for-${profileId}-0123456789`,
      tokenType: 'Bearer',
      expiresAt: clock.now() + 60 * 60_000,
      receivedAt: clock.now(),
      subject: 'u1',
      scopes: [],
    });
  }
  return { clock, sessions, halted, subscription };
}

describe('followExpiryPolicy', () => {
  it('halts the runs of a "stop" profile at expiry and leaves "wait" (and unset) profiles to wait', async () => {
    const { clock, halted, sessions } = await setUp({ stopper: 'stop', waiter: 'wait', plain: undefined });
    clock.advance(59 * 60_000);
    expect(halted).toEqual([]);
    clock.advance(60_000);
    expect(sessions.status('waiter').status).toBe('expired');
    expect(halted).toEqual([['stopper', 'The session expired, and this profile stops its bots at expiry.']]);
  });

  it('stops following once disposed', async () => {
    const { clock, halted, subscription } = await setUp({ stopper: 'stop' });
    subscription.dispose();
    clock.advance(2 * 60 * 60_000);
    expect(halted).toEqual([]);
  });
});
