import type { ErrorView } from '../../app/common/contract.js';
import { copy } from '../copy.js';

export interface ErrorMessageProps {
  error: ErrorView;
  testId?: string;
  /** For `aria-describedby` on the control the error is about. */
  id?: string;
  /**
   * `block` for a paragraph on its own; `inline` inside a banner that already has a layout;
   * `field` beside a form field.
   */
  variant?: 'block' | 'inline' | 'field';
  /** `span` where the message sits inside phrasing content (a status next to a button). */
  as?: 'p' | 'span';
}

/**
 * The one way an error reaches the screen, whether the core or the page raised it: the
 * catalogue's sentence, then its stable code, so a clinic user can act on the words and quote
 * the code to support. Never HTML: text only.
 */
export function ErrorMessage({ error, testId, id, variant = 'block', as: Element = 'p' }: ErrorMessageProps) {
  return (
    <Element id={id} className={`error-message error-message--${variant}`} data-testid={testId} data-code={error.code}>
      <span className="error-message__text">{error.message}</span>{' '}
      <span className="error-message__code">{copy.errorCode(error.code)}</span>
    </Element>
  );
}
