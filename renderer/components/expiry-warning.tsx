import type { ProfileView, SessionView } from '../../app/common/contract.js';
import { formatTimeLeft } from '../../app/common/format-duration.js';
import { copy } from '../copy.js';
import { expiryStage } from '../format/expiry-stage.js';
import { useNow } from '../state/use-now.js';
import { useSessionActions } from '../state/use-session-actions.js';
import { signInFocusProps } from '../state/use-sign-in-focus.js';

export interface ExpiryWarningProps {
  session: SessionView;
  /** The profile's warning thresholds, so the last one reads as the last warning. */
  thresholds: readonly number[] | undefined;
  /** One line of a banner for several sessions, rather than a banner of its own. */
  line?: boolean;
}

/**
 * The banner for a session that is ending or has ended, with the one action that fixes it.
 * "Ends in N minutes" (seconds in the last minute) is counted live so it never overstates the time left.
 */
export function ExpiryWarning({ session, thresholds, line = false }: ExpiryWarningProps) {
  const actions = useSessionActions(session.profileId);
  const expired = session.status === 'expired';
  const final = expiryStage(session, thresholds) === 'final';
  const now = useNow(1_000, { enabled: !expired && session.expiresAt !== undefined, alignTo: session.expiresAt ?? 0 });
  // Never "0 seconds": at zero the core turns the session expired and the banner changes.
  const timeLeft = formatTimeLeft(Math.max(1, (session.expiresAt ?? now) - now));
  const { banners } = copy;
  const message = line
    ? expired
      ? banners.severalExpired(session.profileName)
      : final
        ? banners.severalFinal(session.profileName, timeLeft)
        : banners.severalExpiring(session.profileName, timeLeft)
    : expired
      ? banners.expired(session.profileName)
      : final
        ? banners.expiringFinal(session.profileName, timeLeft)
        : banners.expiring(session.profileName, timeLeft);
  const tone = expired || final ? 'banner--error' : 'banner--warning';
  const Element = line ? 'li' : 'div';
  return (
    <Element
      className={line ? `expiry-banner expiry-banner--line expiry-banner--${expired ? 'expired' : final ? 'final' : 'early'}` : `banner ${tone} expiry-banner`}
      data-testid={`expiry-banner-${session.profileId}`}
      data-status={session.status}
      data-stage={expired ? 'expired' : final ? 'final' : 'early'}
    >
      <p className="expiry-banner__message">{message}</p>
      <button
        type="button"
        className={line ? 'button button--primary button--small' : 'button button--primary'}
        aria-disabled={actions.signInBusy !== undefined || undefined}
        onClick={actions.reauthenticate}
        aria-label={copy.header.reauthenticateTo(session.profileName)}
        {...signInFocusProps(session.profileId, 'elsewhere')}
      >
        {copy.sessions.reauthenticate}
      </button>
    </Element>
  );
}

/**
 * Banners for every session that needs attention; the region is polite so changes are read out.
 * Several sessions share one banner, a line each: a banner apiece stacked up to half a narrow
 * window in the part of the page that never scrolls away.
 */
export function ExpiryBanners({ sessions, profiles }: { sessions: readonly SessionView[]; profiles: readonly ProfileView[] }) {
  const urgent = sessions.filter((session) => session.status === 'expired' || (session.status === 'expiring' && session.expiresAt !== undefined));
  const thresholdsOf = (session: SessionView) => profiles.find((profile) => profile.id === session.profileId)?.warningMinutes;
  const severe = urgent.some((session) => session.status === 'expired' || expiryStage(session, thresholdsOf(session)) === 'final');
  return (
    <div className="expiry-banners" aria-live="polite">
      {urgent.length === 1 ? <ExpiryWarning session={urgent[0] as SessionView} thresholds={thresholdsOf(urgent[0] as SessionView)} /> : null}
      {urgent.length > 1 ? (
        <div className={`banner ${severe ? 'banner--error' : 'banner--warning'} expiry-banner-group`} data-testid="expiry-banner-group">
          <p className="expiry-banner-group__title">{copy.banners.several}</p>
          <ul className="expiry-banner-group__lines">
            {urgent.map((session) => (
              <ExpiryWarning key={session.profileId} session={session} thresholds={thresholdsOf(session)} line />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
