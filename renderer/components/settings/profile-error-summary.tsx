import type { ErrorView } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { ErrorMessage } from '../error-message.js';

export interface ProfileErrorSummaryProps {
  error: ErrorView | null;
  /** Core messages about settings the editor has no field for. */
  otherProblems: readonly string[];
  /** Some field has a message beside it. */
  fieldsInvalid: boolean;
}

/** Above the profile form: what went wrong with the save, and what to do. */
export function ProfileErrorSummary({ error, otherProblems, fieldsInvalid }: ProfileErrorSummaryProps) {
  return (
    <div role="alert" className="alert-region">
      {error ? (
        <div className="banner banner--error" data-testid="profile-error" data-error-summary tabIndex={-1}>
          <ErrorMessage error={error} variant="inline" />
          {otherProblems.length > 0 ? (
            <ul className="problem-list">
              {otherProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : fieldsInvalid ? (
        <div className="banner banner--error" data-testid="profile-fields-invalid">
          <ErrorMessage error={errorView('form_fields_invalid')} variant="inline" />
        </div>
      ) : null}
    </div>
  );
}
