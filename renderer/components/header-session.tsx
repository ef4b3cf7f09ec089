import type { SessionView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { expiryStage, sessionTone, type ExpiryStage } from '../format/expiry-stage.js';
import { formatDateTime } from '../format/format-date-time.js';
import { isSessionSignedIn } from '../format/status-labels.js';
import { useSessionActions } from '../state/use-session-actions.js';
import { signInFocusProps } from '../state/use-sign-in-focus.js';
import { Countdown } from './countdown.js';

export interface HeaderSessionProps {
  session: SessionView;
  thresholds: readonly number[] | undefined;
  /** `li` inside the "more" list; `div` for the one line the header always shows. */
  as?: 'div' | 'li';
  /** Runs of this profile waiting for re-authentication: the entry then says "Waiting for sign-in". */
  waitingRuns?: number;
  /**
   * Given where the page cannot open app links (the browser host): while a sign-in waits, the
   * entry offers "Paste the link", which opens the Overview with focus in the waiting card's box.
   */
  onPasteLink?: ((profileId: string) => void) | undefined;
}

/**
 * One session in one line: profile, status in words, time left and the one click that keeps it
 * going. Colour follows the warning thresholds and the words change with it, so the status never
 * depends on colour alone.
 */
export function HeaderSession({ session, thresholds, as: Element = 'div', waitingRuns = 0, onPasteLink }: HeaderSessionProps) {
  const actions = useSessionActions(session.profileId);
  const { profileId, profileName, status } = session;
  const stage = expiryStage(session, thresholds);
  const waiting = waitingRuns > 0;
  // Waiting runs are the run status's amber, the same as on their cards and in history.
  const tone = waiting ? 'warning' : sessionTone(session, thresholds);
  const showTime = isSessionSignedIn(status) && session.expiresAt !== undefined;
  return (
    <Element className={`header-session header-session--${tone}`} data-testid={`header-session-${profileId}`} data-status={waiting ? 'waitingForSignIn' : status} data-stage={stage} {...signInFocusProps(profileId, 'header')}>
      <span className="status-dot" aria-hidden="true" />
      <span className="header-session__text">
        <span className="header-session__profile">{profileName}</span>{' '}
        {/* While the sign-in is finished the entry has no button: a control that went waits here. */}
        <span className="header-session__status" data-testid={`header-status-${profileId}`} tabIndex={status === 'exchanging' ? -1 : undefined} {...signInFocusProps(profileId, 'header', status === 'exchanging')}>
          {waiting ? copy.header.waitingForSignIn(waitingRuns) : describe(session, stage)}
        </span>
      </span>
      {showTime && session.expiresAt !== undefined ? (
        <span className="header-session__time">
          <span>
            <Countdown expiresAt={session.expiresAt} size="small" testId={`header-countdown-${profileId}`} /> {copy.header.left}
          </span>{' '}
          <span className="header-session__until" data-testid={`header-until-${profileId}`}>
            {copy.header.until(formatDateTime(session.expiresAt))}
          </span>
        </span>
      ) : null}
      <HeaderAction session={session} actions={actions} waitingRuns={waitingRuns} onPasteLink={onPasteLink} />
    </Element>
  );
}

interface HeaderActionProps {
  session: SessionView;
  actions: ReturnType<typeof useSessionActions>;
  waitingRuns: number;
  onPasteLink: ((profileId: string) => void) | undefined;
}

function HeaderAction({ session, actions, waitingRuns, onPasteLink }: HeaderActionProps) {
  const { profileId, profileName } = session;
  switch (session.status) {
    case 'signedOut':
    case 'error':
      if (waitingRuns > 0) return <ReauthenticateButton session={session} actions={actions} />;
      return (
        <button type="button" className="button button--small" aria-disabled={actions.signInBusy !== undefined || undefined} onClick={actions.signIn} aria-label={copy.header.signInTo(profileName)} data-testid={`header-sign-in-${profileId}`} {...signInFocusProps(profileId, 'header', true)}>
          {copy.sessions.signIn}
        </button>
      );
    case 'waitingForBrowser': {
      const cancel = (
        <button type="button" className="button button--small" aria-disabled={actions.cancelPending || undefined} onClick={actions.cancel} aria-label={copy.header.cancelSignInTo(profileName)} data-testid={`header-cancel-${profileId}`} {...signInFocusProps(profileId, 'header', true)}>
          {copy.sessions.cancel}
        </button>
      );
      if (onPasteLink === undefined) return cancel;
      // After Cancel, which keeps the focus rules' place: from it, Tab reaches the next step.
      return (
        <span className="header-session__actions">
          {cancel}
          <button type="button" className="button button--small button--primary" onClick={() => onPasteLink(profileId)} aria-label={copy.header.pasteLinkFor(profileName)} data-testid={`header-paste-link-${profileId}`}>
            {copy.header.pasteLink}
          </button>
        </span>
      );
    }
    case 'exchanging':
      return null;
    case 'active':
    case 'expiring':
    case 'expired':
      return <ReauthenticateButton session={session} actions={actions} primary={session.status !== 'active' || waitingRuns > 0} />;
  }
}

function ReauthenticateButton({ session, actions, primary = true }: { session: SessionView; actions: ReturnType<typeof useSessionActions>; primary?: boolean }) {
  const { profileId, profileName } = session;
  return (
    <button
      type="button"
      className={primary ? 'button button--small button--primary' : 'button button--small'}
      aria-disabled={actions.signInBusy !== undefined || undefined}
      onClick={actions.reauthenticate}
      aria-label={copy.header.reauthenticateTo(profileName)}
      data-testid={`header-reauthenticate-${profileId}`}
      {...signInFocusProps(profileId, 'header', true)}
    >
      {copy.sessions.reauthenticate}
    </button>
  );
}

function describe(session: SessionView, stage: ExpiryStage): string {
  const who = session.user?.name ?? session.user?.subject;
  // A sign-in acting for several HCSS companies gives their count; the sign-in card lists them.
  const companies = (session.companies?.length ?? 0) > 1 ? copy.sessionCompanies.headerCount(session.companies?.length ?? 0) : session.company;
  const withCompany = (text: string) => (companies ? `${text} · ${companies}` : text);
  switch (session.status) {
    case 'signedOut':
      return copy.header.notSignedIn;
    case 'waitingForBrowser':
    case 'exchanging':
      return copy.header.signingIn;
    case 'active':
      return withCompany(copy.header.signedInAs(who ?? session.profileName));
    case 'expiring': {
      // The last threshold says how close the end is; earlier ones only that it is coming.
      const text = stage === 'final' && session.warningMinutes !== undefined ? copy.header.endingVerySoon(session.warningMinutes) : copy.header.endingSoon;
      return withCompany(who ? `${text} — ${who}` : text);
    }
    case 'expired':
      return copy.header.ended;
    case 'error':
      return copy.header.problem;
  }
}
