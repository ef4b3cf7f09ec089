import { useId } from 'react';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import { FieldErrorMessage } from '../field-error-message.js';

export interface BrowserSignInFieldProps {
  /** The profile's `reuseBrowserSignIn`. */
  value: boolean;
  /** The machine policy's `supervision.askWhoSignsIn`: every sign-in asks, so the box is shown clear and disabled. */
  forcedToAsk: boolean;
  onChange(value: boolean): void;
  error?: FieldError | undefined;
}

/**
 * Whether Sign in may reuse the provider sign-in the browser already holds (single sign-on).
 * Clear by default: on a computer staff share the browser would otherwise sign in whoever used it
 * last, without asking (hazard H8, docs/clinical-safety.md).
 */
export function BrowserSignInField({ value, forcedToAsk, onChange, error }: BrowserSignInFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const forcedId = `${id}-forced`;
  const errorId = `${id}-error`;
  const describedBy = [hintId, forcedToAsk ? forcedId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'} data-testid="profile-reuseBrowserSignIn">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          // The profile keeps its own setting under the policy; what applies is shown.
          checked={forcedToAsk ? false : value}
          disabled={forcedToAsk}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{copy.profileForm.reuseBrowserSignIn}</label>
      </div>
      <p id={hintId} className="field__hint">
        {copy.profileForm.reuseBrowserSignInHint}
      </p>
      {forcedToAsk ? (
        <p id={forcedId} className="field__hint" data-testid="profile-reuseBrowserSignIn-forced">
          {copy.profileForm.reuseBrowserSignInForced}
        </p>
      ) : null}
      {error ? <FieldErrorMessage id={errorId} error={error} testId="profile-reuseBrowserSignIn-error" /> : null}
    </div>
  );
}
