import { copy } from '../copy.js';
import type { ConnectionStatus } from '../transport/connection-monitor.js';

export interface ConnectionBannerProps {
  status: ConnectionStatus;
}

/**
 * Says when the page has lost the core (browser host only; Electron IPC does not drop). The
 * status region stays mounted so screen readers announce the change.
 */
export function ConnectionBanner({ status }: ConnectionBannerProps) {
  const message = status === 'reconnecting' ? copy.connection.lost : status === 'rejected' ? copy.connection.rejected : null;
  return (
    <div role="status" className="connection-region">
      {message ? (
        <p className={status === 'rejected' ? 'banner banner--error' : 'banner banner--warning'} data-testid="connection-status" data-status={status}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
