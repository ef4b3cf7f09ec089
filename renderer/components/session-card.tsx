import { useId, useState } from 'react';
import type { SessionView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { expiryStage, sessionTone } from '../format/expiry-stage.js';
import { formatDateTime } from '../format/format-date-time.js';
import { sessionStatusLabel } from '../format/status-labels.js';
import { useSessionActions } from '../state/use-session-actions.js';
import { signInFocusProps } from '../state/use-sign-in-focus.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { Countdown } from './countdown.js';
import { ErrorMessage } from './error-message.js';
import { PasteLinkBox } from './paste-link-box.js';
import { SessionCompanies } from './session-companies.js';
import { SignInLinkFallback } from './sign-in-link-fallback.js';
import { StatusBadge } from './status-badge.js';

export interface SessionCardProps {
  session: SessionView;
  /** The profile's warning thresholds; the last one turns the card red and says so. */
  thresholds?: readonly number[] | undefined;
  /** Runs of this profile that sign-out would stop; with any, Sign out asks first. */
  liveRuns?: number;
  /** HCSS partner profiles: a company's "Open in Settings". */
  onOpenCompany?: (profileId: string, companyId: string) => void;
}

/** One provider profile's sign-in: what state it is in, and the one or two things to do next. */
export function SessionCard({ session, thresholds, liveRuns = 0, onOpenCompany }: SessionCardProps) {
  const headingId = useId();
  const { profileId, status } = session;
  const final = expiryStage(session, thresholds) === 'final';
  // Once signed in, or with nothing to press, focus that lost its control waits on the heading.
  const headingIsNext = status === 'active' || status === 'expiring' || (status === 'signedOut' && session.signInBlocked !== undefined);
  const showsCompanies = session.companies !== undefined && (status === 'active' || status === 'expiring');
  return (
    <section className={`card session-card session-card--${final ? 'expiring-final' : status}`} aria-labelledby={headingId} data-testid={`session-card-${profileId}`} {...signInFocusProps(profileId, 'card')}>
      <div className="card__header">
        <h3 id={headingId} className="card__title" tabIndex={-1} {...signInFocusProps(profileId, 'card', headingIsNext)}>
          {session.profileName}
        </h3>
        <StatusBadge tone={sessionTone(session, thresholds)} testId={`session-status-${profileId}`} live>
          {sessionStatusLabel(status)}
        </StatusBadge>
      </div>
      {/* The red of the last warning comes with words, never colour alone. */}
      {final && session.warningMinutes !== undefined ? (
        <p className="card__message card__message--danger" data-testid={`session-final-warning-${profileId}`}>
          {copy.header.endingVerySoon(session.warningMinutes)}
        </p>
      ) : null}
      <SessionBody session={session} liveRuns={liveRuns} showsCompanies={showsCompanies} />
      {showsCompanies && session.companies ? <SessionCompanies profileId={session.profileId} companies={session.companies} ownCompany={session.company} onOpenCompany={onOpenCompany} /> : null}
    </section>
  );
}

function SessionBody({ session, liveRuns, showsCompanies }: { session: SessionView; liveRuns: number; showsCompanies: boolean }) {
  const actions = useSessionActions(session.profileId);
  const { profileId } = session;
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  const waitingHintId = useId();
  const t = copy.signOut;

  const signInButton = (label: string, reauthenticate: boolean, primary = true) => (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      aria-disabled={actions.signInBusy !== undefined || undefined}
      onClick={reauthenticate ? actions.reauthenticate : actions.signIn}
      data-testid={reauthenticate ? `reauthenticate-${profileId}` : `sign-in-${profileId}`}
      {...signInFocusProps(profileId, 'card', session.status !== 'active' && session.status !== 'expiring')}
    >
      {label}
    </button>
  );
  // Signing out stops this profile's bots: with any running, say how many and ask first.
  const signOutButton = (
    <>
      <button
        type="button"
        className="button"
        aria-disabled={actions.signOutPending || undefined}
        onClick={() => {
          if (actions.signOutPending) return;
          if (liveRuns > 0) setConfirmingSignOut(true);
          else actions.signOut();
        }}
        data-testid={`sign-out-${profileId}`}
      >
        {copy.sessions.signOut}
      </button>
      <ConfirmDialog
        open={confirmingSignOut}
        title={t.title(session.profileName)}
        confirmLabel={t.confirm(liveRuns)}
        cancelLabel={t.cancel}
        danger={liveRuns > 0}
        busy={actions.signOutPending}
        onConfirm={() => {
          setConfirmingSignOut(false);
          actions.signOut();
        }}
        onCancel={() => setConfirmingSignOut(false)}
        testId={`sign-out-confirm-${profileId}`}
      >
        <p>{t.body(liveRuns)}</p>
      </ConfirmDialog>
    </>
  );
  // A failed re-authentication leaves the old session working; say so without hiding it.
  const failedAttempt = session.error && session.status !== 'error' ? (
    <div className="card__problem">
      <p className="card__hint">{copy.sessions.reauthenticationFailed}</p>
      <ErrorMessage error={session.error} testId={`session-error-${profileId}`} />
    </div>
  ) : null;

  switch (session.status) {
    case 'signedOut':
      return (
        <>
          {session.signInBlocked ? (
            <ErrorMessage error={session.signInBlocked} testId={`session-blocked-${profileId}`} />
          ) : (
            <p className="card__hint">{copy.sessions.signedOutHint}</p>
          )}
          {failedAttempt}
          {session.signInBlocked ? null : <div className="actions">{signInButton(copy.sessions.signIn, false)}</div>}
        </>
      );

    case 'waitingForBrowser':
      return (
        <>
          {session.preflight ? (
            <div className="card__problem" data-testid={`preflight-${profileId}`}>
              <ErrorMessage error={session.preflight.error} testId={`preflight-error-${profileId}`} />
              {session.preflight.outcome === 'refused' ? (
                <div className="actions">
                  <button type="button" className="button" aria-disabled={actions.openSignInPagePending || undefined} onClick={actions.openSignInPage} data-testid={`continue-in-browser-${profileId}`}>
                    {copy.sessions.continueInBrowser}
                  </button>
                </div>
              ) : (
                <p className="card__hint">{copy.sessions.preflightUnreachableHint}</p>
              )}
            </div>
          ) : null}
          <p id={waitingHintId} className="card__hint">
            {session.preflight?.outcome === 'refused' ? copy.sessions.refusedWaitingHint : copy.sessions.waitingHint}
          </p>
          {session.signInExpiresAt !== undefined ? (
            <p className="card__hint">
              {copy.sessions.signInEndsIn} <Countdown expiresAt={session.signInExpiresAt} testId={`sign-in-countdown-${profileId}`} size="small" />
            </p>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button"
              aria-disabled={actions.cancelPending || undefined}
              aria-describedby={waitingHintId}
              onClick={actions.cancel}
              data-testid={`cancel-sign-in-${profileId}`}
              {...signInFocusProps(profileId, 'card', true)}
            >
              {copy.sessions.cancel}
            </button>
          </div>
          {session.authorizationUrl ? <SignInLinkFallback profileId={profileId} authorizationUrl={session.authorizationUrl} /> : null}
          <PasteLinkBox profileId={profileId} />
        </>
      );

    case 'exchanging':
      return (
        <p className="card__hint busy" tabIndex={-1} data-testid={`exchanging-${profileId}`} {...signInFocusProps(profileId, 'card', true)}>
          {copy.sessions.exchangingHint}
        </p>
      );

    case 'active':
    case 'expiring':
      return (
        <>
          <SessionFacts session={session} userLabel={copy.sessions.user} showCompany={!showsCompanies} />
          {failedAttempt}
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
          {failedAttempt}
          <div className="actions">
            {signInButton(copy.sessions.reauthenticate, true)}
            {signOutButton}
          </div>
        </>
      );

    case 'error':
      return (
        <>
          {session.error ? <ErrorMessage error={session.error} testId={`session-error-${profileId}`} /> : null}
          <div className="actions">{signInButton(copy.sessions.tryAgain, false)}</div>
        </>
      );
  }
}

interface SessionFactsProps {
  session: SessionView;
  userLabel: string;
  showTime?: boolean;
  /** Off when the card lists the partner sign-in's companies, which marks this one. */
  showCompany?: boolean;
}

function SessionFacts({ session, userLabel, showTime = true, showCompany = true }: SessionFactsProps) {
  const userName = session.user?.name ?? session.user?.subject;
  return (
    <dl className="facts">
      {userName ? (
        <div className="facts__row">
          <dt>{userLabel}</dt>
          <dd data-testid={`session-user-${session.profileId}`}>{userName}</dd>
        </div>
      ) : null}
      {showCompany && session.company ? (
        <div className="facts__row">
          <dt>{copy.sessions.company}</dt>
          <dd data-testid={`session-company-fact-${session.profileId}`}>{session.company}</dd>
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
