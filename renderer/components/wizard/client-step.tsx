import { useState } from 'react';
import { copy } from '../../copy.js';
import { clientSecretHint } from '../../format/client-secret-hint.js';
import type { FieldError } from '../../format/field-error.js';
import { withClientSecret, type ProfileField, type ProfileFormValues } from '../../format/profile-form.js';
import { providerPresets } from '../../../app/common/provider-presets.js';
import { FormField } from '../form-field.js';

export interface ClientStepProps {
  values: ProfileFormValues;
  errors: Partial<Record<ProfileField, FieldError>>;
  /** Saved already with a secret (the admin came back to this step): the empty field keeps it. */
  hasClientSecret: boolean;
  onChange(values: ProfileFormValues): void;
}

/**
 * Step 3: the client id (and optional secret) the provider issued, plus name and issuer. Without
 * a client id yet, the profile can be saved as a draft (the wizard's second button).
 */
export function ClientStep({ values, errors, hasClientSecret, onChange }: ClientStepProps) {
  const fixedIssuer = providerPresets[values.preset].issuer !== null;
  const [authSwitched, setAuthSwitched] = useState(false);
  const set = (key: 'name' | 'issuer' | 'clientId' | 'scopes', value: string) => onChange({ ...values, [key]: value });
  const setSecret = (secret: string) => {
    const next = withClientSecret(values, secret);
    if (next.switched) setAuthSwitched(true);
    onChange(next.values);
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
      <FormField label={copy.profileForm.clientSecret} hint={clientSecretHint({ stored: hasClientSecret, clientAuth: values.clientAuth })} error={errors.clientSecret} testId="wizard-clientSecret">
        {(control) => <input {...control} className="input input--wide" type="password" autoComplete="new-password" value={values.clientSecret} onChange={(event) => setSecret(event.target.value)} />}
      </FormField>
      <p role="status" className="card__hint" data-testid="wizard-auth-switched">
        {authSwitched && values.clientAuth === 'client_secret_basic' ? copy.wizard.client.authSwitched : null}
      </p>
      {input('scopes', copy.profileForm.scopes, copy.profileForm.scopesHint)}
      {values.clientId.trim() === '' ? <p className="card__hint">{copy.wizard.client.draftIntro}</p> : null}
    </div>
  );
}
