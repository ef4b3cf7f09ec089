import type { Disposable } from '../../app/common/contract.js';
import { ListenerSet } from '../../app/common/listener-set.js';
import type { PresenceSignal, PresenceSource } from '../../app/ports/presence-source.js';

/** How often the shell asks the OS how long the computer has been idle. */
export const idlePollMs = 5_000;

/** The slice of Electron's `powerMonitor` this needs; tests pass a fake. */
export interface PowerPresence {
  on(event: 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  getSystemIdleTime(): number;
}

/**
 * Pure: what one idle-time reading means. Input within the last poll (plus a second of slack)
 * is activity at the moment it happened; longer idle says nothing new (the core's own clock
 * turns the absence of activity into "idle").
 */
export function presenceFromIdleTime(idleSeconds: number, now: number, pollMs = idlePollMs): PresenceSignal | undefined {
  const idleMs = Math.max(0, idleSeconds) * 1000;
  return idleMs <= pollMs + 1000 ? { kind: 'active', at: now - idleMs } : undefined;
}

/**
 * The Electron shell's PresenceSource: lock and unlock events, and activity from the idle time.
 *
 * The first reading after someone subscribes is reported however old the last input is: the
 * core judges idleness only once a source has spoken, so a computer already left alone when the
 * app started (launch at login, a restart) would otherwise count as attended until somebody
 * touched it (S60).
 */
export function powerPresenceSource(power: PowerPresence, now: () => number = Date.now): PresenceSource & Disposable {
  const listeners = new ListenerSet<PresenceSignal>();
  const locked = () => listeners.emit({ kind: 'locked' });
  const unlocked = () => listeners.emit({ kind: 'unlocked' });
  power.on('lock-screen', locked);
  power.on('unlock-screen', unlocked);
  let reportNextReading = true;
  const timer = setInterval(() => {
    const idleSeconds = power.getSystemIdleTime();
    const at = now();
    const signal = presenceFromIdleTime(idleSeconds, at) ?? (reportNextReading ? { kind: 'active' as const, at: at - Math.max(0, idleSeconds) * 1000 } : undefined);
    reportNextReading = false;
    if (signal) listeners.emit(signal);
  }, idlePollMs);
  timer.unref();
  return {
    onDidSignal: (listener) => {
      reportNextReading = true;
      return listeners.add(listener);
    },
    dispose: () => {
      clearInterval(timer);
      power.removeListener('lock-screen', locked);
      power.removeListener('unlock-screen', unlocked);
      listeners.clear();
    },
  };
}
