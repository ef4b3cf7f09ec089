import type { Disposable } from '../../app/common/contract.js';

/** The slice of Electron's `powerMonitor` this needs; tests pass an EventEmitter. */
export interface PowerEvents {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

/**
 * Expiry is computed from the wall clock, and timers do not run while a laptop sleeps: after
 * resume or unlock the core must look at the clock again, so a token that expired overnight shows
 * Expired at once and is no longer served to bots (S19, S28).
 */
export function recheckOnWake(power: PowerEvents, recheck: () => void): Disposable {
  const listener = (): void => recheck();
  power.on('resume', listener);
  power.on('unlock-screen', listener);
  return {
    dispose: () => {
      power.removeListener('resume', listener);
      power.removeListener('unlock-screen', listener);
    },
  };
}
