import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import type { ProfileField, ProfileFormValues } from '../../format/profile-form.js';
import { providerPresets } from '../../../app/common/provider-presets.js';
import { FormField } from '../form-field.js';

export interface ClientStepProps {
  values: ProfileFormValues;
  errors: Partial<Record<ProfileField, FieldError>>;
  onChange(values: ProfileFormValues): void;
}

/** Step 2: the client id (and optional secret) the provider issued, plus name and issuer. */
export function ClientStep({ values, errors, onChange }: ClientStepProps) {
  const fixedIssuer = providerPresets[values.preset].issuer !== null;
  const set = (key: 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'scopes', value: string) => {
    const next = { ...values, [key]: value };
    // A secret means a confidential client. Without one, the preset decides: HCSS partner apps
    // need a secret, and the core says so beside this field.
    if (key === 'clientSecret') {
      const presetMethod = providerPresets[values.preset].clientAuth;
      next.clientAuth = value === '' ? presetMethod : values.clientAuth === 'none' ? (presetMethod === 'none' ? 'client_secret_basic' : presetMethod) : values.clientAuth;
    }
    onChange(next);
  };
  const input = (key: 'name' | 'issuer' | 'clientId' | 'scopes', label: string, hint?: string, readOnly = false) => (
    <FormField label={label} hint={hint} error={errors[key]} testId={`wizard-${key}`}>
      {(control) => (
        <input {...control} className="input input--wide" value={values[key]} readOnly={readOnly} spellCheck={false} autoComplete="off" onChange={(event) => set(key, event.target.value)} />
      )}
    </FormField>
  );
  return (
    <div className="wizard__fields">
      {input('name', copy.profileForm.name, copy.profileForm.nameHint)}
      {input('issuer', copy.profileForm.issuer, fixedIssuer ? copy.profileForm.issuerFixed : copy.profileForm.issuerHint, fixedIssuer)}
      {input('clientId', copy.profileForm.clientId, copy.profileForm.clientIdHint)}
      <FormField label={copy.profileForm.clientSecret} hint={copy.profileForm.clientSecretHint} error={errors.clientSecret} testId="wizard-clientSecret">
        {(control) => <input {...control} className="input input--wide" type="password" autoComplete="new-password" value={values.clientSecret} onChange={(event) => set('clientSecret', event.target.value)} />}
      </FormField>
      {input('scopes', copy.profileForm.scopes, copy.profileForm.scopesHint)}
    </div>
  );
}
