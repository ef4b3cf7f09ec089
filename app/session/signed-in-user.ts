import type { UserView } from '../common/contract.js';
import type { SessionManager } from './session-manager.js';

/**
 * The person signed in to `profileId`, or to the first profile with anybody signed in when none
 * is named: who answers, approves and attests is recorded by this (app/supervision).
 */
export function signedInUser(sessions: Pick<SessionManager, 'status' | 'summary'>, profileIds: readonly string[], profileId?: string): UserView | undefined {
  for (const id of profileId === undefined ? profileIds : [profileId]) {
    const summary = sessions.status(id).status === 'signedOut' ? undefined : sessions.summary(id);
    if (summary) return { subject: summary.subject, ...(summary.name ? { name: summary.name } : {}) };
  }
  return undefined;
}
