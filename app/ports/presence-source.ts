import type { Disposable } from '../common/contract.js';

/**
 * What a host knows about the human at the computer. Electron feeds it from `powerMonitor`
 * (lock-screen, unlock-screen, and `active` while getSystemIdleTime stays short); the browser
 * host from the page (activity and visibility, a contract command).
 */
export type PresenceSignal =
  | { kind: 'locked' }
  | { kind: 'unlocked' }
  /** The person used the computer (or the page) at `at` (default: now). */
  | { kind: 'active'; at?: number };

/** A host's source of presence signals. */
export interface PresenceSource {
  onDidSignal(listener: (signal: PresenceSignal) => void): Disposable;
}
