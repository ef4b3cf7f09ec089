import { errorView } from '../../app/common/error-view.js';
import type { HostView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import type { ConnectionStatus } from '../transport/connection-monitor.js';
import { ErrorMessage } from './error-message.js';

export interface ConnectionBannerProps {
  status: ConnectionStatus;
  /** Which host served the page, from the last state (the browser host until one arrives). */
  hostKind: HostView['kind'] | undefined;
}

/**
 * Says when the page has lost the core (browser host only; Electron IPC does not drop). The
 * status region stays mounted so screen readers announce the change. Reconnecting is a passing
 * state, said in words, and so is a host that stopped answering; when the host has gone for good
 * the page says so and what to do (the controls are disabled meanwhile); a rejected page is an
 * error, shown with its code.
 */
export function ConnectionBanner({ status, hostKind = 'browser' }: ConnectionBannerProps) {
  return (
    <div role="status" className="connection-region">
      {status === 'reconnecting' ? (
        <p className="banner banner--warning" data-testid="connection-status" data-status={status}>
          {copy.connection.lost}
        </p>
      ) : null}
      {status === 'unresponsive' ? (
        <p className="banner banner--warning" data-testid="connection-status" data-status={status}>
          {copy.connection.unresponsive}
        </p>
      ) : null}
      {status === 'gone' ? (
        <div className="banner banner--error connection-gone" data-testid="connection-status" data-status={status}>
          <p className="connection-gone__title">{copy.connection.gone}</p>
          <p>{hostKind === 'browser' ? copy.connection.goneBrowserHost : copy.connection.goneDesktop}</p>
        </div>
      ) : null}
      {status === 'rejected' ? (
        <div className="banner banner--error" data-testid="connection-status" data-status={status}>
          <ErrorMessage error={errorView('connection_rejected')} variant="inline" />
        </div>
      ) : null}
    </div>
  );
}
