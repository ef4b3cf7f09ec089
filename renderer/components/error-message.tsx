import { useId, useState } from 'react';
import type { ErrorView } from '../../app/common/contract.js';
import { errorHeadline } from '../../app/common/error-headline.js';
import { copy } from '../copy.js';

export interface ErrorMessageProps {
  error: ErrorView;
  testId?: string;
  /** For `aria-describedby` on the control the error is about: it names the plain sentence. */
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
 * The one way an error reaches the screen, whether the core or the page raised it: a plain
 * sentence first (the catalogue's headline for the code, or its message), then a
 * "Details" toggle with the catalogue's full message where the plain sentence stands in for it,
 * and the stable code a clinic user can quote to support. Never HTML: text only.
 */
export function ErrorMessage(props: ErrorMessageProps) {
  // A different error starts with its details folded again.
  return <ErrorMessageBody key={`${props.error.code}\n${props.error.message}`} {...props} />;
}

function ErrorMessageBody({ error, testId, id, variant = 'block', as: Element = 'p' }: ErrorMessageProps) {
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const plain = plainSentence(error);
  return (
    <Element className={`error-message error-message--${variant}`} data-testid={testId} data-code={error.code}>
      <span id={id} className="error-message__text">
        {plain ?? error.message}
      </span>{' '}
      <button type="button" className="button button--link error-message__toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {copy.errorDetails}
      </button>
      <span id={detailsId} className="error-message__details" hidden={!open}>
        {plain === undefined ? null : (
          <>
            <span className="error-message__detail">{error.message}</span>{' '}
          </>
        )}
        <span className="error-message__code">{copy.errorCode(error.code)}</span>
      </span>
    </Element>
  );
}

/** The page's plain words for a code, when it has them and they say something new. */
function plainSentence(error: ErrorView): string | undefined {
  const plain = errorHeadline(error.code);
  return plain === undefined || plain === error.message ? undefined : plain;
}
