import type { SignInPhaseView } from '../auth/sign-in-attempts.js';
import type { Profile } from '../config/profile.js';
import type { SessionView } from '../common/contract.js';
import { errorView } from '../common/error-view.js';
import { isDraft } from '../config/profile-validation.js';
import type { LiveStatus, SessionSummary } from '../session/session.js';

/**
 * What the renderer may know about a profile's sign-in: status, who, until when. A sign-in in
 * progress shows over a live session (re-authentication), but the session's user and expiry stay
 * visible, because bots keep using the old token until the new one arrives. `session` is only
 * ever a summary (a live session, or what is left of one found expired at start-up, S28).
 */
export function buildSessionView(
  profile: Profile,
  phase: SignInPhaseView,
  session: SessionSummary | undefined,
  live: { status: LiveStatus | 'signedOut'; warningMinutes?: number },
): SessionView {
  const view: SessionView = {
    profileId: profile.id,
    profileName: profile.name,
    status: live.status,
    scopes: session?.scopes ?? profile.scopes,
  };
  if (session) {
    view.user = { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) };
    view.expiresAt = session.expiresAt;
    if (session.company !== undefined) view.company = session.company;
    if (live.warningMinutes !== undefined) view.warningMinutes = live.warningMinutes;
  }
  if (isDraft(profile)) view.signInBlocked = errorView('profile_draft', profile.name);
  switch (phase.phase) {
    case 'waitingForBrowser':
      view.status = 'waitingForBrowser';
      view.authorizationUrl = phase.authorizationUrl;
      view.signInExpiresAt = phase.signInExpiresAt;
      if (phase.preflight) view.preflight = phase.preflight;
      break;
    case 'exchanging':
      view.status = 'exchanging';
      break;
    case 'failed':
      view.error = phase.error;
      // A failed re-authentication must not hide a session that still works.
      if (!session) view.status = 'error';
      break;
    case 'idle':
      break;
  }
  return view;
}
