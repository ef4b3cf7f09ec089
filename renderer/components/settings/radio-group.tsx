import { useId } from 'react';
import type { FieldError } from '../../format/field-error.js';
import { FieldErrorMessage } from '../field-error-message.js';

export interface RadioGroupProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; hint?: string }[];
  onChange(value: V): void;
  error?: FieldError | undefined;
  testId?: string;
}

/** A fieldset of radio buttons with its legend, optional per-option hints and an error. */
export function RadioGroup<V extends string>({ legend, name, value, options, onChange, error, testId }: RadioGroupProps<V>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className={error ? 'field radio-group field--invalid' : 'field radio-group'} aria-describedby={error ? errorId : undefined} data-testid={testId}>
      <legend className="field__label">{legend}</legend>
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div key={option.value} className="radio-option">
            <input
              type="radio"
              id={optionId}
              name={`${id}-${name}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <span className="radio-option__text">
              <label htmlFor={optionId} className="radio-option__label">
                {option.label}
              </label>
              {option.hint ? (
                <span id={`${optionId}-hint`} className="radio-option__hint">
                  {option.hint}
                </span>
              ) : null}
            </span>
          </div>
        );
      })}
      {error ? <FieldErrorMessage id={errorId} error={error} /> : null}
    </fieldset>
  );
}
