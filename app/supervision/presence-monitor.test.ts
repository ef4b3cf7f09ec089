import { describe, expect, it } from 'vitest';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { PresenceMonitor, type PresenceEvent } from './presence-monitor.js';

function setup(policy: Parameters<typeof effectiveSupervision>[0], idleFromStart = false) {
  const clock = new FakeClock();
  const monitor = new PresenceMonitor({ clock, policy: effectiveSupervision(policy), idleFromStart });
  const events: PresenceEvent[] = [];
  monitor.onDidChange((event) => events.push(event));
  return { clock, monitor, events };
}

describe('PresenceMonitor', () => {
  it('is away while the screen is locked, and back on unlock', () => {
    const { monitor, events } = setup({ idleAfterMs: 0 });
    monitor.signal({ kind: 'locked' });
    expect(monitor.view()).toMatchObject({ status: 'absent', absentReason: 'locked' });
    monitor.signal({ kind: 'unlocked' });
    expect(monitor.present).toBe(true);
    expect(events).toEqual([{ type: 'absent', reason: 'locked' }, { type: 'present', after: 'locked' }]);
  });

  it('is away after idleAfterMs without activity; activity brings it back', () => {
    const { clock, monitor } = setup({ idleAfterMs: 60_000 });
    // Nobody reports presence yet: no idleness can be judged.
    clock.advance(120_000);
    expect(monitor.present).toBe(true);
    monitor.signal({ kind: 'active' });
    clock.advance(59_000);
    expect(monitor.present).toBe(true);
    clock.advance(2_000);
    expect(monitor.absentReason).toBe('idle');
    monitor.signal({ kind: 'active' });
    expect(monitor.present).toBe(true);
  });

  it('S60 with idle counted from the start (a browser host whose page was never opened), nobody at all is away once the idle time passes', () => {
    const { clock, monitor, events } = setup({ idleAfterMs: 60_000 }, true);
    clock.advance(59_000);
    expect(monitor.present).toBe(true);
    clock.advance(2_000);
    expect(monitor.absentReason).toBe('idle');
    expect(events).toEqual([{ type: 'absent', reason: 'idle' }]);
    monitor.signal({ kind: 'active' });
    expect(monitor.present).toBe(true);
  });

  it('asks "Still supervising?" every attestEveryMs while someone is signed in; unanswered, it counts as away', () => {
    const { clock, monitor, events } = setup({ idleAfterMs: 0, attestEveryMs: 3_600_000, attestWithinMs: 300_000 });
    clock.advance(4 * 3_600_000);
    expect(monitor.view().attestation).toBeUndefined();
    monitor.setSupervising(true);
    clock.advance(3_600_000 + 10);
    const attestation = monitor.view().attestation;
    expect(attestation && attestation.deadlineAt - attestation.requestedAt).toBe(300_000);
    clock.advance(300_000 + 10);
    expect(monitor.absentReason).toBe('attestationMissed');
    monitor.attest();
    expect(monitor.present).toBe(true);
    expect(monitor.view().nextAttestationAt).toBe(clock.now() + 3_600_000);
    expect(events.map((event) => event.type)).toEqual(['attestationRequested', 'absent', 'attested', 'present']);
  });

  it('a lock does not count as away when the policy says so', () => {
    const { monitor } = setup({ idleAfterMs: 0, lockMeansAway: false });
    monitor.signal({ kind: 'locked' });
    expect(monitor.present).toBe(true);
  });
});

describe('PresenceMonitor: sign-out', () => {
  it('an unanswered check withdrawn because nobody is signed in any more does not say the supervisor came back', () => {
    const { clock, monitor, events } = setup({ idleAfterMs: 0, attestEveryMs: 3_600_000, attestWithinMs: 300_000 });
    monitor.setSupervising(true);
    clock.advance(3_600_000 + 300_000 + 20);
    expect(monitor.absentReason).toBe('attestationMissed');

    monitor.setSupervising(false);
    // Nobody is left to be away, so the absence ends, but it ends because of the sign-out.
    expect(monitor.present).toBe(true);
    expect(monitor.view().attestation).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'present', after: 'attestationMissed', because: 'nobodySignedIn' });
  });
});
