import { useId } from 'react';
import type { SessionView } from '../../app/contract.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { sessionStatusLabel, sessionStatusTone } from '../format/status-labels.js';
import { useCommand } from '../state/use-command.js';
import { Countdown } from './countdown.js';
import { ExpiryWarning } from './expiry-warning.js';
import { SignInLinkFallback } from './sign-in-link-fallback.js';
import { StatusBadge } from './status-badge.js';

export interface SessionCardProps {
  session: SessionView;
}

/** One provider profile's sign-in: what state it is in, and the one or two things to do next. */
export function SessionCard({ session }: SessionCardProps) {
  const headingId = useId();
  const { profileId, status } = session;
  return (
    <section className={`card session-card session-card--${status}`} aria-labelledby={headingId} data-testid={`session-card-${profileId}`}>
      <div className="card__header">
        <h3 id={headingId} className="card__title">
          {session.profileName}
        </h3>
        <StatusBadge tone={sessionStatusTone(status)} testId={`session-status-${profileId}`} live>
          {sessionStatusLabel(status)}
        </StatusBadge>
      </div>
      <SessionBody session={session} />
    </section>
  );
}

function SessionBody({ session }: SessionCardProps) {
  const signIn = useCommand('signIn');
  const cancelSignIn = useCommand('cancelSignIn');
  const signOut = useCommand('signOut');
  const { profileId } = session;

  const signInButton = (label: string, reauthenticate: boolean, primary = true) => (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      disabled={signIn.pending}
      onClick={() => void signIn.run(reauthenticate ? { profileId, prompt: 'login' } : { profileId })}
    >
      {label}
    </button>
  );
  const signOutButton = (
    <button type="button" className="button" disabled={signOut.pending} onClick={() => void signOut.run({ profileId })}>
      {copy.sessions.signOut}
    </button>
  );

  switch (session.status) {
    case 'signedOut':
      return (
        <>
          <p className="card__hint">{copy.sessions.signedOutHint}</p>
          <div className="actions">{signInButton(copy.sessions.signIn, false)}</div>
        </>
      );

    case 'waitingForBrowser':
      return (
        <>
          <p className="card__hint">{copy.sessions.waitingHint}</p>
          <div className="actions">
            <button type="button" className="button" disabled={cancelSignIn.pending} onClick={() => void cancelSignIn.run({ profileId })}>
              {copy.sessions.cancel}
            </button>
          </div>
          {session.authorizationUrl ? <SignInLinkFallback profileId={profileId} authorizationUrl={session.authorizationUrl} /> : null}
        </>
      );

    case 'exchanging':
      return <p className="card__hint">{copy.sessions.exchangingHint}</p>;

    case 'active':
    case 'expiring':
      return (
        <>
          {session.status === 'expiring' && session.expiresAt !== undefined ? (
            <ExpiryWarning expiresAt={session.expiresAt} testId={`expiry-warning-${profileId}`} />
          ) : null}
          <SessionFacts session={session} userLabel={copy.sessions.user} />
          <div className="actions">
            {signInButton(copy.sessions.reauthenticate, true, session.status === 'expiring')}
            {signOutButton}
          </div>
        </>
      );

    case 'expired':
      return (
        <>
          <p className="card__message card__message--danger">{copy.sessions.sessionExpired}</p>
          <p className="card__hint">{copy.sessions.expiredHint}</p>
          {session.user ? <SessionFacts session={session} userLabel={copy.sessions.lastUser} showTime={false} /> : null}
          <div className="actions">
            {signInButton(copy.sessions.reauthenticate, true)}
            {signOutButton}
          </div>
        </>
      );

    case 'error':
      return (
        <>
          {session.error ? (
            <p className="card__message card__message--danger" data-testid={`session-error-${profileId}`}>
              {session.error.message}
            </p>
          ) : null}
          <div className="actions">{signInButton(copy.sessions.tryAgain, false)}</div>
        </>
      );
  }
}

interface SessionFactsProps {
  session: SessionView;
  userLabel: string;
  showTime?: boolean;
}

function SessionFacts({ session, userLabel, showTime = true }: SessionFactsProps) {
  const userName = session.user?.name ?? session.user?.subject;
  return (
    <dl className="facts">
      {userName ? (
        <div className="facts__row">
          <dt>{userLabel}</dt>
          <dd data-testid={`session-user-${session.profileId}`}>{userName}</dd>
        </div>
      ) : null}
      {session.company ? (
        <div className="facts__row">
          <dt>{copy.sessions.company}</dt>
          <dd>{session.company}</dd>
        </div>
      ) : null}
      {showTime && session.expiresAt !== undefined ? (
        <>
          <div className="facts__row">
            <dt>{copy.sessions.timeLeft}</dt>
            <dd>
              <Countdown expiresAt={session.expiresAt} testId={`countdown-${session.profileId}`} />
            </dd>
          </div>
          <div className="facts__row">
            <dt>{copy.sessions.endsAt}</dt>
            <dd data-testid={`expires-at-${session.profileId}`}>{formatDateTime(session.expiresAt)}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}
