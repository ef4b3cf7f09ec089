import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { PresenceSignal } from '../../app/ports/presence-source.js';
import { powerPresenceSource, presenceFromIdleTime } from './power-presence.js';

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
