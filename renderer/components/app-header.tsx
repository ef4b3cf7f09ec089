import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileView, RunView, SessionView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { runsWaitingForSignIn, sessionsByUrgency } from '../format/session-urgency.js';
import { HeaderSession } from './header-session.js';

export interface AppHeaderProps {
  /** Undefined until the first state arrives. */
  sessions: readonly SessionView[] | undefined;
  /** For each profile's warning thresholds: the last one turns the entry red. */
  profiles?: readonly ProfileView[] | undefined;
  /** The runs, to say when a profile's runs wait for sign-in (the most urgent state). */
  runs?: readonly RunView[] | undefined;
  /** Where the page cannot open app links: a waiting sign-in's way to the Overview's paste box. */
  onPasteLink?: ((profileId: string) => void) | undefined;
}

/**
 * Always visible, one line high whatever happens: the session that most needs attention, and
 * the others behind "N more". The height is fixed in the stylesheet, so a session changing state
 * never moves the page below it.
 */
export function AppHeader({ sessions, profiles, runs, onPasteLink }: AppHeaderProps) {
  const thresholds = (profileId: string) => profiles?.find((profile) => profile.id === profileId)?.warningMinutes;
  const waiting = runsWaitingForSignIn(runs);
  const [first, ...rest] = sessions ? sessionsByUrgency(sessions, thresholds, waiting) : [];
  return (
    <header className="app-header">
      <h1 className="app-header__title">{copy.appName}</h1>
      {sessions ? (
        <div className="header-status" role="group" aria-label={copy.header.sessionsLabel} data-testid="header-session-status">
          {first === undefined ? (
            <p className="header-session header-session--neutral">{copy.header.noProfiles}</p>
          ) : (
            <>
              <HeaderSession key={first.profileId} session={first} thresholds={thresholds(first.profileId)} waitingRuns={waiting(first.profileId)} onPasteLink={onPasteLink} />
              {rest.length > 0 ? <MoreSessions sessions={rest} thresholds={thresholds} waiting={waiting} onPasteLink={onPasteLink} /> : null}
            </>
          )}
        </div>
      ) : null}
    </header>
  );
}

/**
 * "N more": a disclosure button whose panel lists the other sessions over the page (it never
 * pushes the page down). Escape, a click elsewhere or Tab out of it closes it; Escape returns
 * focus to the button.
 */
interface MoreSessionsProps {
  sessions: readonly SessionView[];
  thresholds: (profileId: string) => readonly number[] | undefined;
  waiting: (profileId: string) => number;
  onPasteLink: ((profileId: string) => void) | undefined;
}

function MoreSessions({ sessions, thresholds, waiting, onPasteLink }: MoreSessionsProps) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const attention = sessions.some((session) => waiting(session.profileId) > 0 || session.status === 'expired' || session.status === 'expiring' || session.status === 'error');

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={wrapperRef}
      className="header-more"
      onBlur={(event) => {
        // Focus that left for another control (Tab); none at all (the window went to the background) keeps it open.
        if (open && event.relatedTarget instanceof Node && !wrapperRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={attention ? 'button button--small header-more__button header-more__button--attention' : 'button button--small header-more__button'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="header-more"
      >
        {copy.header.more(sessions.length)}
        {attention ? <span className="visually-hidden">{copy.header.moreNeedAttention}</span> : null}
      </button>
      <div id={panelId} className="header-more__panel" hidden={!open} data-testid="header-more-panel">
        {open ? (
          <ul className="header-more__list" aria-label={copy.header.otherSessionsLabel}>
            {sessions.map((session) => (
              <HeaderSession key={session.profileId} as="li" session={session} thresholds={thresholds(session.profileId)} waitingRuns={waiting(session.profileId)} onPasteLink={onPasteLink} />
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
