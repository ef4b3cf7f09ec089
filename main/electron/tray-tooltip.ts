import type { SessionView, SupervisorState } from '../../app/common/contract.js';

/** Windows truncates tray tooltips at 127 characters; stay inside it everywhere. */
export const maxTrayTooltipLength = 127;

/**
 * One-glance status for the tray: each session's state and time left, and how many bots run.
 * Built from the same views the renderer gets, so it can never show a token.
 */
export function trayTooltip(productName: string, state: SupervisorState | undefined, now: number): string {
  if (!state) return `${productName}: starting…`;
  const sessions = state.sessions.map((session) => `${session.profileName}: ${describeSession(session, now)}`);
  const running = countLiveRuns(state);
  const parts = [productName, ...(sessions.length > 0 ? sessions : ['signed out']), running === 1 ? '1 bot running' : `${running} bots running`];
  const text = parts.join('\n');
  return text.length <= maxTrayTooltipLength ? text : `${text.slice(0, maxTrayTooltipLength - 1)}…`;
}

/** A session's status and time left in a few words, shared by the tooltip and the tray menu. */
export function describeSession(session: SessionView, now: number): string {
  switch (session.status) {
    case 'active':
    case 'expiring':
      return session.expiresAt === undefined ? 'signed in' : `signed in, ${formatLeft(session.expiresAt - now)} left`;
    case 'expired':
      return 'expired, re-authenticate';
    case 'waitingForBrowser':
    case 'exchanging':
      return 'signing in…';
    case 'error':
      return 'sign-in problem';
    case 'signedOut':
      return 'signed out';
  }
}

/** Runs that are using (or about to use) the session right now. */
export function countLiveRuns(state: SupervisorState): number {
  return state.runs.filter((run) => run.status === 'running' || run.status === 'starting').length;
}

function formatLeft(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
