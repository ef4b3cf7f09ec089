import { useId, useState, type FormEvent } from 'react';
import type { ErrorView } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { ErrorMessage } from './error-message.js';

/** The box's field, which the header's "Paste the link" moves focus to. */
export function pasteLinkInputId(profileId: string): string {
  return `paste-link-input-${profileId}`;
}

export interface PasteLinkBoxProps {
  profileId: string;
}

/**
 * The waiting card's way back for a browser that cannot open app links (the browser host, or an
 * app link the operating system did not hand over): the person pastes the link the provider's
 * last page shows. The core parses it, once, like any deep link. The field is cleared after
 * every attempt, so the link (code included) does not stay on screen.
 */
export function PasteLinkBox({ profileId }: PasteLinkBoxProps) {
  const inputId = pasteLinkInputId(profileId);
  const hintId = useId();
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<ErrorView | null>(null);
  const open = useCommand('openPastedLink', { report: false });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A link already on its way is used once: Enter again, in the field or on the button, does nothing.
    if (open.pending) return;
    const url = text.trim();
    if (url === '') {
      setRefusal(errorView('pasted_link_empty'));
      return;
    }
    setRefusal(null);
    const result = await open.attempt({ url });
    setText('');
    if (!result.ok) setRefusal(result.error);
    else if (result.value.kind === 'refused') setRefusal(result.value.error);
  };

  return (
    <form className="paste-link" onSubmit={(event) => void submit(event)} data-testid={`paste-link-${profileId}`}>
      <label className="field__label" htmlFor={inputId}>
        {copy.pasteLink.label}
      </label>
      <p id={hintId} className="field__hint">
        {copy.pasteLink.hint}
      </p>
      <div className="paste-link__row">
        <input
          id={inputId}
          className="input input--wide"
          type="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={refusal ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid={`paste-link-input-${profileId}`}
        />
        {/* Stays focusable while the link is used (aria-disabled, not disabled), so focus is not
            dropped to the page: it stays here for a refusal, and follows the sign-in once it works. */}
        <button type="submit" className="button" aria-disabled={open.pending || undefined} data-testid={`paste-link-submit-${profileId}`}>
          {copy.pasteLink.submit}
        </button>
      </div>
      <div role="alert" className="alert-region">
        {refusal ? <ErrorMessage error={refusal} variant="inline" testId={`paste-link-error-${profileId}`} /> : null}
      </div>
    </form>
  );
}
