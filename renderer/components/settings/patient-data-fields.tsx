import { useId } from 'react';
import type { PatientDataPolicyView, ProfileView } from '../../../app/common/contract.js';
import { defaultRedactionSettings, defaultRetentionDays, patientIdentifierKinds } from '../../../app/common/patient-data.js';
import { copy } from '../../copy.js';

export type PatientDataValues = Pick<ProfileView, 'redaction' | 'screenshots' | 'retentionDays'>;

export const defaultPatientData: PatientDataValues = { redaction: defaultRedactionSettings, screenshots: false, retentionDays: defaultRetentionDays };

export interface PatientDataFieldsProps {
  values: PatientDataValues | undefined;
  /** What the machine policy decides: those switches are shown as the policy sets them, and disabled. */
  policy: PatientDataPolicyView | undefined;
  onChange(values: PatientDataValues): void;
}

/** The profile's patient-data settings: which identifiers are hidden from logs, screenshots, retention. */
export function PatientDataFields({ values = defaultPatientData, policy, onChange }: PatientDataFieldsProps) {
  const id = useId();
  const forced = new Set(policy?.forcedRedaction ?? []);
  const screenshotsByPolicy = policy?.screenshots === 'never' || policy?.screenshots === 'always';
  const screenshots = policy?.screenshots === 'never' ? false : policy?.screenshots === 'always' ? true : values.screenshots;
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
      <label className="field__label" htmlFor={`${id}-retention`}>
        {copy.patientData.retentionDays}
      </label>
      <input
        id={`${id}-retention`}
        className="input input--narrow"
        inputMode="numeric"
        value={policy?.retentionDays ?? values.retentionDays}
        disabled={policy?.retentionDays !== undefined}
        aria-describedby={`${id}-retention-hint`}
        onChange={(event) => {
          const days = Number(event.target.value.replace(/\D/g, ''));
          onChange({ ...values, retentionDays: Number.isFinite(days) ? days : values.retentionDays });
        }}
        data-testid="profile-retentionDays"
      />
      <p id={`${id}-retention-hint`} className="field__hint">
        {policy?.retentionDays !== undefined ? copy.patientData.retentionByPolicy : copy.patientData.retentionHint}
      </p>
    </fieldset>
  );
}
