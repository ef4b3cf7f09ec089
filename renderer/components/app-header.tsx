import type { SessionView } from '../../app/contract.js';
import { copy } from '../copy.js';
import { summariseSessions } from '../format/summarise-sessions.js';

export interface AppHeaderProps {
  /** Undefined until the first state arrives. */
  sessions: readonly SessionView[] | undefined;
}

export function AppHeader({ sessions }: AppHeaderProps) {
  const summary = sessions ? summariseSessions(sessions) : null;
  return (
    <header className="app-header">
      <h1 className="app-header__title">{copy.appName}</h1>
      {summary ? (
        <p className={`app-header__status app-header__status--${summary.tone}`} data-testid="header-session-status">
          <span className="status-dot" aria-hidden="true" />
          {summary.text}
        </p>
      ) : null}
    </header>
  );
}
