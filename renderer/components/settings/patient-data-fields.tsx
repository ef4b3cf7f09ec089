import { useId } from 'react';
import type { PatientDataPolicyView, ProfileView } from '../../../app/common/contract.js';
import { defaultRedactionSettings, patientIdentifierKinds } from '../../../app/common/patient-data.js';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import { FieldErrorMessage } from '../field-error-message.js';

export type PatientDataValues = Pick<ProfileView, 'redaction' | 'screenshots'>;

export const defaultPatientData: PatientDataValues = { redaction: defaultRedactionSettings, screenshots: false };

/** The retention field: the days as typed, its problem, and whether it is longer than the saved period. */
export interface RetentionFieldProps {
  text: string;
  error: FieldError | undefined;
  lengthened: boolean;
  onChange(text: string): void;
}

export interface PatientDataFieldsProps {
  values: PatientDataValues | undefined;
  /** What the machine policy decides: those switches are shown as the policy sets them, and disabled. */
  policy: PatientDataPolicyView | undefined;
  onChange(values: PatientDataValues): void;
  retention: RetentionFieldProps;
}

/** The profile's patient-data settings: which identifiers are hidden from logs, screenshots, retention. */
export function PatientDataFields({ values = defaultPatientData, policy, onChange, retention }: PatientDataFieldsProps) {
  const id = useId();
  const forced = new Set(policy?.forcedRedaction ?? []);
  const screenshotsByPolicy = policy?.screenshots === 'never' || policy?.screenshots === 'always';
  const screenshots = policy?.screenshots === 'never' ? false : policy?.screenshots === 'always' ? true : values.screenshots;
  const retentionByPolicy = policy?.retentionDays !== undefined;
  return (
    <fieldset className="field" data-testid="profile-patientData">
      <legend className="field__label">{copy.patientData.legend}</legend>
      <p className="field__hint">{copy.patientData.intro}</p>
      {patientIdentifierKinds.map((kind) => (
        <div key={kind} className="checkbox">
          <input
            id={`${id}-${kind}`}
            type="checkbox"
            checked={forced.has(kind) || values.redaction[kind]}
            disabled={forced.has(kind)}
            onChange={(event) => onChange({ ...values, redaction: { ...values.redaction, [kind]: event.target.checked } })}
            data-testid={`profile-redaction-${kind}`}
          />
          <label htmlFor={`${id}-${kind}`}>
            {copy.patientData.kinds[kind]}
            {forced.has(kind) ? ` ${copy.patientData.byPolicy}` : ''}
          </label>
        </div>
      ))}
      <div className="checkbox">
        <input
          id={`${id}-screenshots`}
          type="checkbox"
          checked={screenshots}
          disabled={screenshotsByPolicy}
          aria-describedby={`${id}-screenshots-hint`}
          onChange={(event) => onChange({ ...values, screenshots: event.target.checked })}
          data-testid="profile-screenshots"
        />
        <label htmlFor={`${id}-screenshots`}>
          {copy.patientData.screenshots}
          {screenshotsByPolicy ? ` ${copy.patientData.byPolicy}` : ''}
        </label>
      </div>
      <p id={`${id}-screenshots-hint`} className="field__hint">
        {copy.patientData.screenshotsHint}
      </p>
      <div className={retention.error ? 'field field--invalid' : 'field'} data-testid="profile-retentionDays-field">
        <label className="field__label" htmlFor={`${id}-retention`}>
          {copy.patientData.retentionDays}
        </label>
        <input
          id={`${id}-retention`}
          className="input input--narrow"
          inputMode="numeric"
          value={retentionByPolicy ? String(policy.retentionDays) : retention.text}
          disabled={retentionByPolicy}
          aria-invalid={retention.error && !retentionByPolicy ? true : undefined}
          aria-describedby={[retention.error && !retentionByPolicy ? `${id}-retention-error` : null, `${id}-retention-hint`].filter(Boolean).join(' ')}
          onChange={(event) => retention.onChange(event.target.value)}
          data-testid="profile-retentionDays"
        />
        <p id={`${id}-retention-hint`} className="field__hint" data-testid="profile-retentionDays-hint">
          {retentionByPolicy ? copy.patientData.retentionByPolicy : retention.lengthened ? `${copy.patientData.retentionHint} ${copy.patientData.lengthenHint}` : copy.patientData.retentionHint}
        </p>
        {retention.error && !retentionByPolicy ? <FieldErrorMessage id={`${id}-retention-error`} error={retention.error} testId="profile-retentionDays-error" /> : null}
      </div>
    </fieldset>
  );
}
