import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectiveSupervision } from '../../app/policy/supervision-policy.js';
import { systemClock } from '../../app/ports/clock.js';
import type { PresenceSignal } from '../../app/ports/presence-source.js';
import { PresenceMonitor } from '../../app/supervision/presence-monitor.js';
import { idlePollMs, powerPresenceSource, presenceFromIdleTime } from './power-presence.js';

describe('presenceFromIdleTime', () => {
  it('reads recent input as activity at the moment it happened', () => {
    expect(presenceFromIdleTime(0, 100_000)).toEqual({ kind: 'active', at: 100_000 });
    expect(presenceFromIdleTime(3, 100_000)).toEqual({ kind: 'active', at: 97_000 });
  });

  it('says nothing when the computer has been idle longer than one poll', () => {
    expect(presenceFromIdleTime(7, 100_000)).toBeUndefined();
    expect(presenceFromIdleTime(3600, 100_000)).toBeUndefined();
  });
});

describe('powerPresenceSource', () => {
  it('turns lock-screen and unlock-screen into presence signals, and stops on dispose', () => {
    const power = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 600 });
    const source = powerPresenceSource(power);
    const signals: PresenceSignal[] = [];
    source.onDidSignal((signal) => signals.push(signal));
    power.emit('lock-screen');
    power.emit('unlock-screen');
    source.dispose();
    power.emit('lock-screen');
    expect(signals).toEqual([{ kind: 'locked' }, { kind: 'unlocked' }]);
  });
});

describe('powerPresenceSource feeding the presence monitor', () => {
  afterEach(() => vi.useRealTimers());

  it('S60 a computer already idle when the app starts counts as away once the idle time passes, though nobody ever touches it', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 7, 30) });
    // Started at login (or after a crash) by someone who has since walked away: the OS already
    // reports ten minutes without input at the first reading, and it only grows from there.
    const startedAt = Date.now();
    const power = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 600 + Math.floor((Date.now() - startedAt) / 1000) });
    const monitor = new PresenceMonitor({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 15 * 60_000 }) });
    const source = powerPresenceSource(power);
    source.onDidSignal((signal) => monitor.signal(signal));

    vi.advanceTimersByTime(16 * 60_000);
    expect(monitor.absentReason).toBe('idle');
    source.dispose();
    monitor.dispose();
  });

  it('reports the last input once after a subscription, however old, and then only fresh input', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const power = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 600 });
    const source = powerPresenceSource(power);
    const signals: PresenceSignal[] = [];
    source.onDidSignal((signal) => signals.push(signal));
    vi.advanceTimersByTime(3 * idlePollMs);
    expect(signals).toEqual([{ kind: 'active', at: 1_000_000 + idlePollMs - 600_000 }]);
    source.dispose();
  });
});
