import type { ProfileView, SessionView } from '../../app/common/contract.js';
import { formatTimeLeft } from '../../app/common/format-duration.js';
import { copy } from '../copy.js';
import { expiryStage } from '../format/expiry-stage.js';
import { useNow } from '../state/use-now.js';
import { useSessionActions } from '../state/use-session-actions.js';

export interface ExpiryWarningProps {
  session: SessionView;
  /** The profile's warning thresholds, so the last one reads as the last warning. */
  thresholds: readonly number[] | undefined;
}

/**
 * The banner for a session that is ending or has ended, with the one action that fixes it.
 * "Ends in N minutes" (seconds in the last minute) is counted live so it never overstates the time left.
 */
export function ExpiryWarning({ session, thresholds }: ExpiryWarningProps) {
  const actions = useSessionActions(session.profileId);
  const expired = session.status === 'expired';
  const final = expiryStage(session, thresholds) === 'final';
  const now = useNow(1_000, { enabled: !expired && session.expiresAt !== undefined, alignTo: session.expiresAt ?? 0 });
  // Never "0 seconds": at zero the core turns the session expired and the banner changes.
  const timeLeft = formatTimeLeft(Math.max(1, (session.expiresAt ?? now) - now));
  const message = expired
    ? copy.banners.expired(session.profileName)
    : final
      ? copy.banners.expiringFinal(session.profileName, timeLeft)
      : copy.banners.expiring(session.profileName, timeLeft);
  return (
    <div
      className={expired || final ? 'banner banner--error expiry-banner' : 'banner banner--warning expiry-banner'}
      data-testid={`expiry-banner-${session.profileId}`}
      data-status={session.status}
      data-stage={expired ? 'expired' : final ? 'final' : 'early'}
    >
      <p className="expiry-banner__message">{message}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={actions.signInPending}
        onClick={actions.reauthenticate}
        aria-label={copy.header.reauthenticateTo(session.profileName)}
      >
        {copy.sessions.reauthenticate}
      </button>
    </div>
  );
}

/** Banners for every session that needs attention; the region is polite so changes are read out. */
export function ExpiryBanners({ sessions, profiles }: { sessions: readonly SessionView[]; profiles: readonly ProfileView[] }) {
  const urgent = sessions.filter((session) => session.status === 'expired' || (session.status === 'expiring' && session.expiresAt !== undefined));
  return (
    <div className="expiry-banners" aria-live="polite">
      {urgent.map((session) => (
        <ExpiryWarning key={session.profileId} session={session} thresholds={profiles.find((profile) => profile.id === session.profileId)?.warningMinutes} />
      ))}
    </div>
  );
}
