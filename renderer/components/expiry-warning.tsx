import { copy } from '../copy.js';
import { minutesLeft } from '../format/format-countdown.js';
import { useNow } from '../state/use-now.js';

export interface ExpiryWarningProps {
  expiresAt: number;
  testId?: string;
}

/** "Your session ends in N minutes…", counted live so it never overstates the time left. */
export function ExpiryWarning({ expiresAt, testId }: ExpiryWarningProps) {
  const now = useNow(1_000, { alignTo: expiresAt });
  // Never "0 minutes": at zero the core turns the session expired and this banner goes away.
  const minutes = Math.max(1, minutesLeft(expiresAt - now));
  return (
    <p className="banner banner--warning" data-testid={testId}>
      {copy.sessions.expiringBanner(minutes)}
    </p>
  );
}
