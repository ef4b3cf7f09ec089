import { useId } from 'react';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import { FieldErrorMessage } from '../field-error-message.js';

type AbsencePolicy = 'wait' | 'stop';

export interface AbsencePolicyFieldProps {
  value: AbsencePolicy;
  /** The machine policy's choice for every profile: shown chosen, with the other option disabled. */
  forced: AbsencePolicy | undefined;
  onChange(value: AbsencePolicy): void;
  error?: FieldError | undefined;
}

/** The profile's `absencePolicy`: what running bots do while the supervisor is away. */
export function AbsencePolicyField({ value, forced, onChange, error }: AbsencePolicyFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const forcedId = `${id}-forced`;
  const errorId = `${id}-error`;
  const shown = forced ?? value;
  const describedBy = [hintId, forced ? forcedId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <fieldset className={error ? 'field radio-group field--invalid' : 'field radio-group'} aria-describedby={describedBy} disabled={forced !== undefined} data-testid="profile-absencePolicy">
      <legend className="field__label">{copy.profileForm.absencePolicy}</legend>
      <p id={hintId} className="field__hint">
        {copy.profileForm.absencePolicyHint}
      </p>
      {(['wait', 'stop'] as const).map((option) => (
        <div key={option} className="radio-option">
          <input type="radio" id={`${id}-${option}`} name={`${id}-absencePolicy`} value={option} checked={shown === option} onChange={() => onChange(option)} data-testid={`profile-absencePolicy-${option}`} />
          <label htmlFor={`${id}-${option}`} className="radio-option__label">
            {copy.profileForm.absencePolicies[option]}
          </label>
        </div>
      ))}
      {forced ? (
        <p id={forcedId} className="field__hint" data-testid="profile-absencePolicy-forced">
          {copy.profileForm.absencePolicyForced(copy.profileForm.absencePolicies[forced].toLowerCase())}
        </p>
      ) : null}
      {error ? <FieldErrorMessage id={errorId} error={error} /> : null}
    </fieldset>
  );
}
