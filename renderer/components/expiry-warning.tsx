import { useState } from 'react';
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
  const message = bannerMessage(session, thresholds, line, now);
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

/** The banner's words at `now`; never "0 seconds": at zero the core turns the session expired and the banner changes. */
function bannerMessage(session: SessionView, thresholds: readonly number[] | undefined, line: boolean, now: number): string {
  const { banners } = copy;
  const timeLeft = formatTimeLeft(Math.max(1, (session.expiresAt ?? now) - now));
  if (session.status === 'expired') return line ? banners.severalExpired(session.profileName) : banners.expired(session.profileName);
  if (expiryStage(session, thresholds) === 'final') return line ? banners.severalFinal(session.profileName, timeLeft) : banners.expiringFinal(session.profileName, timeLeft);
  return line ? banners.severalExpiring(session.profileName, timeLeft) : banners.expiring(session.profileName, timeLeft);
}

/**
 * Banners for every session that needs attention. A banner that comes, or reaches a new stage, is
 * read out once with the time left then, from a polite region of its own: the banners themselves
 * count down (each second in the last minute), and every change inside a live region is read out.
 * Several sessions share one banner, a line each: a banner apiece stacked up to half a narrow
 * window in the part of the page that never scrolls away.
 */
export function ExpiryBanners({ sessions, profiles }: { sessions: readonly SessionView[]; profiles: readonly ProfileView[] }) {
  const urgent = sessions.filter((session) => session.status === 'expired' || (session.status === 'expiring' && session.expiresAt !== undefined));
  const thresholdsOf = (session: SessionView) => profiles.find((profile) => profile.id === session.profileId)?.warningMinutes;
  const severe = urgent.some((session) => session.status === 'expired' || expiryStage(session, thresholdsOf(session)) === 'final');
  const stages = urgent.map((session) => `${session.profileId}:${session.status}:${expiryStage(session, thresholdsOf(session))}`).join('\n');
  const say = () => urgent.map((session) => bannerMessage(session, thresholdsOf(session), false, Date.now())).join(' ');
  const [announced, setAnnounced] = useState(() => ({ stages, text: say() }));
  if (announced.stages !== stages) setAnnounced({ stages, text: say() });
  return (
    <div className="expiry-banners">
      <p className="visually-hidden" aria-live="polite" data-testid="expiry-announcement">
        {announced.text}
      </p>
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
