import { useId, type ReactNode } from 'react';
import type { FieldError } from '../format/field-error.js';
import { FieldErrorMessage } from './field-error-message.js';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FormFieldProps {
  label: string;
  hint?: string;
  /** Shown next to the field and tied to it, so screen readers read it with the field. */
  error?: FieldError | undefined;
  /** Renders the control with the ids that connect it to its label, hint and error. */
  children(control: FieldControlProps): ReactNode;
  testId?: string;
}

/** A labelled field with an optional hint and its validation message right beside it. */
export function FormField({ label, hint, error, children, testId }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'} data-testid={testId}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error ? <FieldErrorMessage id={errorId} error={error} testId={testId ? `${testId}-error` : undefined} /> : null}
    </div>
  );
}
