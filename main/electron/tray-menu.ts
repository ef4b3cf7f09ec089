import type { SessionView, SupervisorState } from '../../app/common/contract.js';
import { planPauseAll } from '../../app/common/pause-all.js';
import { countLiveRuns, describeSession } from './tray-tooltip.js';

/** What a tray menu click asks the shell to do; index.ts maps each to a core command. */
export type TrayAction =
  | { type: 'show' }
  | { type: 'signIn'; profileId: string; reauthenticate: boolean }
  | { type: 'pauseAll' }
  | { type: 'stopAll' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'status'; label: string }
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { kind: 'separator' };

/** A tray menu is no place for a long list; more profiles than this are reached through Show. */
export const maxTrayProfiles = 6;

/**
 * The tray menu as data: one status line per session with its time left, the running bots, then
 * Sign in or Re-authenticate per profile, Pause all and Stop all bots, Show and Quit. Built from the same views
 * the renderer gets, so it can never show a token. Re-authenticating asks the provider for a
 * fresh login (`prompt=login`), so another person (an admin) can take over supervision.
 */
export function trayMenuModel(productName: string, state: SupervisorState | undefined, now: number): TrayMenuItem[] {
  const show: TrayMenuItem = { kind: 'action', label: `Show ${productName}`, action: { type: 'show' }, enabled: true };
  const quit: TrayMenuItem = { kind: 'action', label: `Quit ${productName}`, action: { type: 'quit' }, enabled: true };
  if (!state) return [{ kind: 'status', label: 'Starting…' }, { kind: 'separator' }, show, quit];

  const sessions = state.sessions.slice(0, maxTrayProfiles);
  const running = countLiveRuns(state);
  const statusLines: TrayMenuItem[] = sessions.length === 0 ? [{ kind: 'status', label: 'No provider profiles' }] : sessions.map((session) => ({ kind: 'status', label: `${session.profileName}: ${describeSession(session, now)}` }));
  const signInItems = sessions.flatMap((session) => signInItem(session));

  return [
    ...statusLines,
    { kind: 'status', label: running === 1 ? '1 bot running' : `${running} bots running` },
    { kind: 'separator' },
    ...signInItems,
    { kind: 'action', label: 'Pause all bots', action: { type: 'pauseAll' }, enabled: planPauseAll(state.runs).pause.length > 0 },
    { kind: 'action', label: 'Stop all bots', action: { type: 'stopAll' }, enabled: running > 0 },
    { kind: 'separator' },
    show,
    quit,
  ];
}

function signInItem(session: SessionView): TrayMenuItem[] {
  const signIn = (reauthenticate: boolean, label: string): TrayMenuItem[] => [
    { kind: 'action', label, action: { type: 'signIn', profileId: session.profileId, reauthenticate }, enabled: true },
  ];
  switch (session.status) {
    case 'signedOut':
    case 'error':
      return signIn(false, `Sign in to ${session.profileName}`);
    case 'active':
    case 'expiring':
    case 'expired':
      return signIn(true, `Re-authenticate ${session.profileName}`);
    case 'waitingForBrowser':
    case 'exchanging':
      // The browser is already open; a second click would only supersede it.
      return [];
  }
}
