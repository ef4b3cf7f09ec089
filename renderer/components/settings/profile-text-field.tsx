import type { FieldError } from '../../format/field-error.js';
import type { ProfileField, ProfileFormValues } from '../../format/profile-form.js';
import { FormField } from '../form-field.js';

/** The editor's values, their field messages and how to change one: what each group of fields is given. */
export interface ProfileFormBinding {
  values: ProfileFormValues;
  error(name: ProfileField): FieldError | undefined;
  set<K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]): void;
}

type TextFieldName = 'name' | 'id' | 'issuer' | 'clientId' | 'scopes' | 'loopbackPort' | 'loopbackPath' | 'bounceUrl' | 'warningMinutes' | 'signInTimeoutMinutes' | 'companyClaim';

export interface ProfileTextFieldProps {
  form: ProfileFormBinding;
  name: TextFieldName;
  label: string;
  hint?: string | undefined;
  readOnly?: boolean;
  inputMode?: 'numeric';
  type?: string;
  autoComplete?: string;
}

/** One of the profile editor's text fields, with its label, hint and the message about it. */
export function ProfileTextField({ form, name, label, hint, readOnly, inputMode, type = 'text', autoComplete = 'off' }: ProfileTextFieldProps) {
  return (
    <FormField label={label} hint={hint} error={form.error(name)} testId={`profile-${name}`}>
      {(control) => (
        <input
          {...control}
          className="input input--wide"
          type={type}
          value={form.values[name]}
          readOnly={readOnly}
          inputMode={inputMode}
          autoComplete={autoComplete}
          spellCheck={false}
          onChange={(event) => form.set(name, event.target.value)}
        />
      )}
    </FormField>
  );
}
