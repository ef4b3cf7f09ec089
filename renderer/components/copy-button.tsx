import type { PlainErrorCode } from '../../app/common/error-catalogue.js';
import { errorView } from '../../app/common/error-view.js';
import { copy as strings } from '../copy.js';
import { useClipboard } from '../state/use-clipboard.js';
import { ErrorMessage } from './error-message.js';

export interface CopyButtonProps {
  /** The text put on the clipboard, or a function that builds it at click time (for big logs). */
  text: string | (() => string);
  label: string;
  copiedMessage?: string;
  /** The error shown when the clipboard refuses, saying what to do instead. */
  failure?: PlainErrorCode;
  /** The id of the element that shows `text`, so the button is described by what it copies. */
  describedBy?: string;
  testId?: string;
  className?: string;
}

/** A copy button with spoken and visible feedback in a status region right after it. */
export function CopyButton({ text, label, copiedMessage, failure = 'clipboard_refused', describedBy, testId, className }: CopyButtonProps) {
  const clipboard = useClipboard();
  return (
    <span className="copy-button">
      <button type="button" className={className ?? 'button'} onClick={() => void clipboard.copy(typeof text === 'function' ? text() : text)} aria-describedby={describedBy} data-testid={testId}>
        {label}
      </button>
      <span role="status" className="copy-button__feedback" data-state={clipboard.state} data-testid={testId ? `${testId}-feedback` : undefined}>
        {clipboard.state === 'copied' ? (copiedMessage ?? strings.copyButton.copied) : null}
        {clipboard.state === 'failed' ? <ErrorMessage error={errorView(failure)} variant="inline" as="span" /> : null}
      </span>
    </span>
  );
}
