import type { FieldError } from '../format/field-error.js';
import { ErrorMessage } from './error-message.js';

/**
 * A field's problem: the page's own checks through ErrorMessage (with their code), the core's
 * field sentences as they are (their code is in the form's summary).
 */
export function FieldErrorMessage({ id, error, testId }: { id: string; error: FieldError; testId?: string | undefined }) {
  if (typeof error !== 'string') return <ErrorMessage id={id} error={error} variant="field" {...(testId ? { testId } : {})} />;
  return (
    <p id={id} className="field__error" data-testid={testId}>
      {error}
    </p>
  );
}
