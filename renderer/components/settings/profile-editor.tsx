import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ClientAuthMethod, PatientDataPolicyView, ProfileView, ProviderPreset } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { clientSecretHint } from '../../format/client-secret-hint.js';
import { formFromPreset, retentionShortening, withClientSecret, type ProfileFormValues } from '../../format/profile-form.js';
import { presetOrder, providerPresets } from '../../../app/common/provider-presets.js';
import { editorRedirectChoice } from '../../format/redirect-choice.js';
import { useFocusFirstInvalid } from '../../state/use-focus-first-invalid.js';
import { FieldErrorMessage } from '../field-error-message.js';
import { FormField } from '../form-field.js';
import { PatientDataFields } from './patient-data-fields.js';
import { ProfileErrorSummary } from './profile-error-summary.js';
import { ProfileTextField, type ProfileFormBinding } from './profile-text-field.js';
import { RedirectFields } from './redirect-fields.js';
import { RetentionShorteningDialog } from './retention-shortening-dialog.js';
import { SignInOptionsFields } from './sign-in-options-fields.js';
import { SignOutOnSaveDialog } from './sign-out-on-save-dialog.js';
import type { SignOutImpact } from '../../format/profile-change-impact.js';
import { useFocusOnRequest, useFocusWhileOpen } from './use-focus-while-open.js';
import { useProfileSave } from './use-profile-save.js';
export { RadioGroup, type RadioGroupProps } from './radio-group.js';

export interface ProfileEditorProps {
  initial: ProfileFormValues;
  isNew: boolean;
  hasClientSecret: boolean;
  existingIds: readonly string[];
  /** A new profile started as a copy of this one (its secret is not copied). */
  copiedFrom?: ProfileView | undefined;
  /** A development build answers the development scheme, which a live provider must never get. */
  flavour?: 'production' | 'development';
  /** `signedOut`: who the save signed out, as confirmed in the dialog. */
  onSaved(profile: ProfileView, signedOut?: string): void;
  onCancel(): void;
  /** What the machine policy decides about patient data, if anything. */
  patientDataPolicy?: PatientDataPolicyView | undefined;
  /** The machine policy's `supervision.onAbsence`: shown chosen and disabled. */
  forcedAbsencePolicy?: 'wait' | 'stop' | undefined;
  /** The machine policy's `supervision.askWhoSignsIn`: reusing the browser's sign-in is shown off and disabled. */
  forcedToAsk?: boolean;
  /** Who saving these values would sign out, and the runs it would stop; asked before saving. */
  signOutImpact?: (values: ProfileFormValues) => SignOutImpact | undefined;
  /** Changes left unsaved when the person last left Settings: the form reopens with them. */ draft?: ProfileFormValues | undefined;
  /** Every change, so the screen can ask before replacing the editor; each focusRequest increase focuses the heading. */
  onValuesChange?(values: ProfileFormValues): void;
  focusRequest?: number;
}

const clientAuthMethods: readonly ClientAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post'];
// The sandbox is built in; it is not something an admin creates.
const editablePresets = presetOrder.filter((preset) => preset !== 'sandbox');

/**
 * Adds or edits a provider profile. The core validates; its field messages appear next to the
 * fields they concern (ErrorView.fields), and the summary above the form says what to do.
 */
export function ProfileEditor({ initial, isNew, hasClientSecret, existingIds, copiedFrom, onSaved, onCancel, patientDataPolicy, forcedAbsencePolicy, forcedToAsk = false, flavour = 'production', signOutImpact, draft, onValuesChange, focusRequest = 0 }: ProfileEditorProps) {
  const headingId = useId();
  const [values, setValues] = useState<ProfileFormValues>(draft ?? initial);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Into the form as it opens; back to Edit, Duplicate or Add a profile when it closes.
  const opener = copiedFrom ? `duplicate-profile-${copiedFrom.id}` : isNew ? 'add-profile' : `edit-profile-${initial.id}`;
  useFocusWhileOpen(headingRef, () => document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(opener)}"]`), draft !== undefined);
  useFocusOnRequest(headingRef, focusRequest);
  useEffect(() => onValuesChange?.(values), [values, onValuesChange]);
  const set = <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const fixedIssuer = providerPresets[values.preset].issuer !== null;
  const [authSwitched, setAuthSwitched] = useState(false);
  const setSecret = (secret: string) => {
    const next = withClientSecret(values, secret);
    if (next.switched) setAuthSwitched(true);
    setValues(next.values);
  };

  const changePreset = (preset: ProviderPreset) => {
    setValues((previous) => {
      const before = formFromPreset(previous.preset, existingIds);
      const after = formFromPreset(preset, existingIds);
      return {
        ...previous,
        preset,
        kind: after.kind,
        // A fixed provider brings its issuer; switching to custom keeps one the admin typed.
        issuer: providerPresets[preset].issuer ?? (providerPresets[previous.preset].issuer === null ? previous.issuer : ''),
        clientAuth: after.clientAuth,
        scopes: after.scopes,
        // Suggested names follow the preset until the admin types their own.
        ...(isNew && previous.id === before.id ? { id: after.id } : {}),
        ...(previous.name === before.name ? { name: after.name } : {}),
      };
    });
  };

  // A development build never offers, nor silently keeps, its scheme for a live provider.
  const redirect = editorRedirectChoice(values.preset, flavour, values.redirectMode);

  // A shorter period deletes older run logs and files at the next pass: said, and confirmed, before saving.
  const shortening = isNew || patientDataPolicy?.retentionDays !== undefined ? undefined : retentionShortening(initial.retentionDays, values.retentionDays);
  const { submit, asking, stopAsking, fieldErrors, error, otherProblems, pending, failedAttempts } = useProfileSave({ values, redirectMode: redirect.value, isNew, shortening, signOutImpact, onSaved });
  useFocusFirstInvalid(formRef, failedAttempts);
  const form: ProfileFormBinding = { values, error: (name) => fieldErrors[name], set };

  return (
    <form ref={formRef} className="card profile-editor" aria-labelledby={headingId} onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }} noValidate data-testid="profile-editor">
      <h3 id={headingId} className="card__title" tabIndex={-1} ref={headingRef} data-testid="profile-editor-heading">
        {copiedFrom ? copy.profileForm.duplicateHeading(copiedFrom.name) : isNew ? copy.profileForm.newHeading : copy.profileForm.editHeading(initial.name)}
      </h3>
      {draft ? <p className="card__hint" data-testid="profile-draft-kept">{copy.profileForm.draftKept}</p> : null}
      {copiedFrom ? (
        <p className="card__hint" data-testid="profile-copied-from">
          {copy.profileForm.duplicateIntro(copiedFrom.name)}
        </p>
      ) : null}
      <ProfileErrorSummary error={error} otherProblems={otherProblems} fieldsInvalid={Object.keys(fieldErrors).length > 0} />

      <FormField label={copy.profileForm.preset} error={fieldErrors.preset} testId="profile-preset">
        {(control) => (
          <select {...control} className="input input--wide" value={values.preset} onChange={(event) => changePreset(event.target.value as ProviderPreset)}>
            {editablePresets.map((preset) => (
              <option key={preset} value={preset}>
                {copy.presets[preset].label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <ProfileTextField form={form} name="name" label={copy.profileForm.name} hint={copy.profileForm.nameHint} />
      <ProfileTextField form={form} name="id" label={copy.profileForm.id} hint={copy.profileForm.idHint} readOnly={!isNew} />
      <ProfileTextField form={form} name="issuer" label={copy.profileForm.issuer} hint={fixedIssuer ? copy.profileForm.issuerFixed : copy.profileForm.issuerHint} readOnly={fixedIssuer} type="url" />
      <ProfileTextField form={form} name="clientId" label={copy.profileForm.clientId} hint={copy.profileForm.clientIdHint} />
      <FormField label={copy.profileForm.clientSecret} hint={clientSecretHint({ stored: hasClientSecret, clientAuth: values.clientAuth, copiedFrom })} error={fieldErrors.clientSecret} testId="profile-clientSecret">
        {(control) => <input {...control} className="input input--wide" type="password" autoComplete="new-password" value={values.clientSecret} onChange={(event) => setSecret(event.target.value)} />}
      </FormField>
      <FormField label={copy.profileForm.clientAuth} error={fieldErrors.clientAuth} testId="profile-clientAuth">
        {(control) => (
          <select {...control} className="input input--wide" value={values.clientAuth} onChange={(event) => set('clientAuth', event.target.value as ClientAuthMethod)}>
            {clientAuthMethods.map((method) => (
              <option key={method} value={method}>
                {copy.profileForm.clientAuthOptions[method]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <p role="status" className="card__hint" data-testid="profile-auth-switched">
        {authSwitched && values.clientAuth === 'client_secret_basic' ? copy.wizard.client.authSwitched : null}
      </p>
      <ProfileTextField form={form} name="scopes" label={copy.profileForm.scopes} hint={copy.profileForm.scopesHint} />

      <RedirectFields form={form} redirect={redirect} isNew={isNew} />

      <SignInOptionsFields form={form} forcedAbsencePolicy={forcedAbsencePolicy} forcedToAsk={forcedToAsk} />
      {values.kind === 'partner' ? <ProfileTextField form={form} name="companyClaim" label={copy.profileForm.companyClaim} hint={copy.profileForm.companyClaimHint} /> : null}
      <PatientDataFields
        values={values.patientData}
        policy={patientDataPolicy}
        onChange={(patientData) => set('patientData', patientData)}
        retention={{ text: values.retentionDays, error: fieldErrors.retentionDays, lengthened: !isNew && retentionShortening(values.retentionDays, initial.retentionDays) !== undefined, onChange: (text) => set('retentionDays', text) }}
      />
      {fieldErrors.extraAuthParams ? <FieldErrorMessage id={`${headingId}-extra`} error={fieldErrors.extraAuthParams} /> : null}

      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined} data-testid="profile-save">
          {pending ? copy.profileForm.saving : copy.profileForm.save}
        </button>
        {values.clientId.trim() === '' ? (
          <button type="button" className="button" aria-disabled={pending || undefined} onClick={() => void submit(true)} data-testid="profile-save-draft">
            {copy.wizard.client.saveDraft}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onCancel}>
          {copy.profileForm.cancel}
        </button>
      </div>
      <RetentionShorteningDialog
        shortening={asking?.ask === 'retention' ? shortening : undefined}
        busy={pending}
        onConfirm={() => asking && void submit(asking.asDraft, [...asking.confirmed, 'retention'])}
        onCancel={stopAsking}
      />
      <SignOutOnSaveDialog
        impact={asking?.ask === 'signOut' ? asking.impact : undefined}
        profileName={initial.name}
        busy={pending}
        onConfirm={() => asking && void submit(asking.asDraft, [...asking.confirmed, 'signOut'])}
        onCancel={stopAsking}
      />
    </form>
  );
}
