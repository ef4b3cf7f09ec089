import { errorView } from '../../app/common/error-view.js';
import { copy } from '../copy.js';
import type { ConnectionStatus } from '../transport/connection-monitor.js';
import { ErrorMessage } from './error-message.js';

export interface ConnectionBannerProps {
  status: ConnectionStatus;
}

/**
 * Says when the page has lost the core (browser host only; Electron IPC does not drop). The
 * status region stays mounted so screen readers announce the change. Reconnecting is a passing
 * state, said in words; a rejected page is an error, shown with its code.
 */
export function ConnectionBanner({ status }: ConnectionBannerProps) {
  return (
    <div role="status" className="connection-region">
      {status === 'reconnecting' ? (
        <p className="banner banner--warning" data-testid="connection-status" data-status={status}>
          {copy.connection.lost}
        </p>
      ) : null}
      {status === 'rejected' ? (
        <div className="banner banner--error" data-testid="connection-status" data-status={status}>
          <ErrorMessage error={errorView('connection_rejected')} variant="inline" />
        </div>
      ) : null}
    </div>
  );
}
