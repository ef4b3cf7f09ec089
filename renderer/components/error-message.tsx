import type { ErrorView } from '../../app/contract.js';
import { copy } from '../copy.js';

export interface ErrorMessageProps {
  error: ErrorView;
  testId?: string;
  /** `block` for a paragraph on its own; `inline` inside a banner that already has a layout. */
  variant?: 'block' | 'inline';
}

/**
 * The one way an error reaches the screen: the catalogue's sentence, then its stable code, so a
 * clinic user can act on the words and quote the code to support. Never HTML: text only.
 */
export function ErrorMessage({ error, testId, variant = 'block' }: ErrorMessageProps) {
  return (
    <p className={`error-message error-message--${variant}`} data-testid={testId} data-code={error.code}>
      <span className="error-message__text">{error.message}</span>{' '}
      <span className="error-message__code">{copy.errorCode(error.code)}</span>
    </p>
  );
}
