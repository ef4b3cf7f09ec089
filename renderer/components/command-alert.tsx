import type { ErrorView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { ErrorMessage } from './error-message.js';

export interface CommandAlertProps {
  error: ErrorView | null;
  onDismiss(): void;
}

/**
 * Where a failed command says why, in the core's words. The alert region stays mounted so the
 * message is announced as soon as it appears.
 */
export function CommandAlert({ error, onDismiss }: CommandAlertProps) {
  return (
    <div role="alert" className="alert-region">
      {error ? (
        <div className="banner banner--error command-alert" data-testid="command-error" data-code={error.code}>
          <ErrorMessage error={error} variant="inline" />
          <button type="button" className="button button--quiet" onClick={onDismiss}>
            {copy.dismiss}
          </button>
        </div>
      ) : null}
    </div>
  );
}
