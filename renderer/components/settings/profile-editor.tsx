import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ClientAuthMethod, ErrorView, PatientDataPolicyView, ProfileView, ProviderPreset } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { clientSecretHint } from '../../format/client-secret-hint.js';
import type { FieldError } from '../../format/field-error.js';
import { formFromPreset, profileFieldErrors, profileInputFromForm, retentionShortening, withClientSecret, type ProfileField, type ProfileFormValues } from '../../format/profile-form.js';
import { presetOrder, providerPresets } from '../../../app/common/provider-presets.js';
import { editorRedirectChoice } from '../../format/redirect-choice.js';
import { useCommand } from '../../state/use-command.js';
import { useFocusFirstInvalid } from '../../state/use-focus-first-invalid.js';
import { ErrorMessage } from '../error-message.js';
import { FieldErrorMessage } from '../field-error-message.js';
import { FormField } from '../form-field.js';
import { AbsencePolicyField } from './absence-policy-field.js';
import { PatientDataFields } from './patient-data-fields.js';
import { RadioGroup } from './radio-group.js';
import { RetentionShorteningDialog } from './retention-shortening-dialog.js';
import { SignOutOnSaveDialog } from './sign-out-on-save-dialog.js';
import type { SignOutImpact } from '../../format/profile-change-impact.js';
import { useFocusOnRequest, useFocusWhileOpen } from './use-focus-while-open.js';
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
  /** Who saving these values would sign out, and the runs it would stop; asked before saving. */
  signOutImpact?: (values: ProfileFormValues) => SignOutImpact | undefined;
  /** Changes left unsaved when the person last left Settings: the form reopens with them. */ draft?: ProfileFormValues | undefined;
  /** Every change, so the screen can ask before replacing the editor; each focusRequest increase focuses the heading. */
  onValuesChange?(values: ProfileFormValues): void;
  focusRequest?: number;
}

type Confirmation = 'retention' | 'signOut';
type Asking = { asDraft: boolean; confirmed: readonly Confirmation[] } & ({ ask: 'retention' } | { ask: 'signOut'; impact: SignOutImpact });

const clientAuthMethods: readonly ClientAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post'];
// The sandbox is built in; it is not something an admin creates.
const editablePresets = presetOrder.filter((preset) => preset !== 'sandbox');

/**
 * Adds or edits a provider profile. The core validates; its field messages appear next to the
 * fields they concern (ErrorView.fields), and the summary above the form says what to do.
 */
export function ProfileEditor({ initial, isNew, hasClientSecret, existingIds, copiedFrom, onSaved, onCancel, patientDataPolicy, forcedAbsencePolicy, flavour = 'production', signOutImpact, draft, onValuesChange, focusRequest = 0 }: ProfileEditorProps) {
  const headingId = useId();
  const [values, setValues] = useState<ProfileFormValues>(draft ?? initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ProfileField, FieldError>>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const save = useCommand('saveProfile', { report: false });
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Into the form as it opens; back to Edit, Duplicate or Add a profile when it closes.
  const opener = copiedFrom ? `duplicate-profile-${copiedFrom.id}` : isNew ? 'add-profile' : `edit-profile-${initial.id}`;
  useFocusWhileOpen(headingRef, () => document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(opener)}"]`), draft !== undefined);
  useFocusOnRequest(headingRef, focusRequest);
  useEffect(() => onValuesChange?.(values), [values, onValuesChange]);
  const [failedAttempts, setFailedAttempts] = useState(0);
  useFocusFirstInvalid(formRef, failedAttempts);
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
  const [asking, setAsking] = useState<Asking | null>(null);

  const submit = async (asDraft = false, confirmed: readonly Confirmation[] = []) => {
    const { input, errors } = profileInputFromForm({ ...values, redirectMode: redirect.value });
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      setError(null);
      setOtherProblems([]);
      setFailedAttempts((count) => count + 1);
      return;
    }
    if (shortening && !confirmed.includes('retention')) {
      setAsking({ asDraft, confirmed, ask: 'retention' });
      return;
    }
    const impact = isNew ? undefined : signOutImpact?.(values);
    if (impact && !confirmed.includes('signOut')) {
      setAsking({ asDraft, confirmed, ask: 'signOut', impact });
      return;
    }
    setAsking(null);
    // A new profile never replaces one with the same id; a draft may wait for its client id.
    const result = await save.attempt({ ...input, ...(isNew ? { create: true } : {}), ...(asDraft ? { asDraft: true } : {}) });
    if (result.ok) {
      onSaved(result.value, impact?.signedInAs);
      return;
    }
    const mapped = profileFieldErrors(result.error.fields);
    setFieldErrors(mapped.byField);
    setOtherProblems(mapped.other);
    setError(result.error);
    setFailedAttempts((count) => count + 1);
  };

  const field = (name: ProfileField) => fieldErrors[name];
  const text = (name: 'name' | 'id' | 'issuer' | 'clientId' | 'scopes' | 'loopbackPort' | 'loopbackPath' | 'bounceUrl' | 'warningMinutes' | 'signInTimeoutMinutes' | 'companyClaim', label: string, hint?: string, extra: { readOnly?: boolean; inputMode?: 'numeric'; type?: string; autoComplete?: string } = {}) => (
    <FormField label={label} hint={hint} error={field(name)} testId={`profile-${name}`}>
      {(control) => (
        <input
          {...control}
          className="input input--wide"
          type={extra.type ?? 'text'}
          value={values[name]}
          readOnly={extra.readOnly}
          inputMode={extra.inputMode}
          autoComplete={extra.autoComplete ?? 'off'}
          spellCheck={false}
          onChange={(event) => set(name, event.target.value)}
        />
      )}
    </FormField>
  );

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
      <div role="alert" className="alert-region">
        {error ? (
          <div className="banner banner--error" data-testid="profile-error" data-error-summary tabIndex={-1}>
            <ErrorMessage error={error} variant="inline" />
            {otherProblems.length > 0 ? (
              <ul className="problem-list">
                {otherProblems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : Object.keys(fieldErrors).length > 0 ? (
          <div className="banner banner--error" data-testid="profile-fields-invalid">
            <ErrorMessage error={errorView('form_fields_invalid')} variant="inline" />
          </div>
        ) : null}
      </div>

      <FormField label={copy.profileForm.preset} error={field('preset')} testId="profile-preset">
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
      {text('name', copy.profileForm.name, copy.profileForm.nameHint)}
      {text('id', copy.profileForm.id, copy.profileForm.idHint, { readOnly: !isNew })}
      {text('issuer', copy.profileForm.issuer, fixedIssuer ? copy.profileForm.issuerFixed : copy.profileForm.issuerHint, { readOnly: fixedIssuer, type: 'url' })}
      {text('clientId', copy.profileForm.clientId, copy.profileForm.clientIdHint)}
      <FormField label={copy.profileForm.clientSecret} hint={clientSecretHint({ stored: hasClientSecret, clientAuth: values.clientAuth, copiedFrom })} error={field('clientSecret')} testId="profile-clientSecret">
        {(control) => <input {...control} className="input input--wide" type="password" autoComplete="new-password" value={values.clientSecret} onChange={(event) => setSecret(event.target.value)} />}
      </FormField>
      <FormField label={copy.profileForm.clientAuth} error={field('clientAuth')} testId="profile-clientAuth">
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
      {text('scopes', copy.profileForm.scopes, copy.profileForm.scopesHint)}

      <RadioGroup
        legend={copy.profileForm.redirectMode}
        name="redirectMode"
        value={redirect.value}
        options={redirect.modes.map((mode) => ({ value: mode, label: copy.redirectModes[mode].label, hint: copy.redirectModes[mode].hint }))}
        onChange={(mode) => set('redirectMode', mode)}
        error={field('redirectMode')}
        testId="profile-redirectMode"
      />
      {redirect.devSchemeWithheld ? (
        <p className={redirect.replaced && !isNew ? 'card__hint card__message--danger' : 'card__hint'} data-testid="profile-dev-scheme-withheld">
          {redirect.replaced && !isNew ? copy.profileForm.devSchemeReplaced : copy.wizard.redirect.devSchemeWithheld}
        </p>
      ) : null}
      {redirect.value === 'loopback' ? (
        <>
          {text('loopbackPort', copy.profileForm.loopbackPort, copy.profileForm.loopbackPortHint, { inputMode: 'numeric' })}
          {text('loopbackPath', copy.profileForm.loopbackPath)}
        </>
      ) : null}
      {redirect.value === 'bounce' ? text('bounceUrl', copy.profileForm.bounceUrl, copy.profileForm.bounceUrlHint, { type: 'url' }) : null}

      {text('warningMinutes', copy.profileForm.warningMinutes, copy.profileForm.warningMinutesHint)}
      {text('signInTimeoutMinutes', copy.profileForm.signInTimeoutMinutes, undefined, { inputMode: 'numeric' })}
      <RadioGroup
        legend={copy.profileForm.expiryPolicy}
        name="expiryPolicy"
        value={values.expiryPolicy}
        options={(['wait', 'stop'] as const).map((policy) => ({ value: policy, label: copy.profileForm.expiryPolicies[policy] }))}
        onChange={(policy) => set('expiryPolicy', policy)}
        error={field('expiryPolicy')}
        testId="profile-expiryPolicy"
      />
      <AbsencePolicyField value={values.absencePolicy} forced={forcedAbsencePolicy} onChange={(policy) => set('absencePolicy', policy)} error={field('absencePolicy')} />
      {values.kind === 'partner' ? text('companyClaim', copy.profileForm.companyClaim, copy.profileForm.companyClaimHint) : null}
      <PatientDataFields
        values={values.patientData}
        policy={patientDataPolicy}
        onChange={(patientData) => set('patientData', patientData)}
        retention={{ text: values.retentionDays, error: field('retentionDays'), lengthened: !isNew && retentionShortening(values.retentionDays, initial.retentionDays) !== undefined, onChange: (text) => set('retentionDays', text) }}
      />
      {fieldErrors.extraAuthParams ? <FieldErrorMessage id={`${headingId}-extra`} error={fieldErrors.extraAuthParams} /> : null}

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.pending} data-testid="profile-save">
          {save.pending ? copy.profileForm.saving : copy.profileForm.save}
        </button>
        {values.clientId.trim() === '' ? (
          <button type="button" className="button" disabled={save.pending} onClick={() => void submit(true)} data-testid="profile-save-draft">
            {copy.wizard.client.saveDraft}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onCancel}>
          {copy.profileForm.cancel}
        </button>
      </div>
      <RetentionShorteningDialog
        shortening={asking?.ask === 'retention' ? shortening : undefined}
        busy={save.pending}
        onConfirm={() => asking && void submit(asking.asDraft, [...asking.confirmed, 'retention'])}
        onCancel={() => setAsking(null)}
      />
      <SignOutOnSaveDialog
        impact={asking?.ask === 'signOut' ? asking.impact : undefined}
        profileName={initial.name}
        busy={save.pending}
        onConfirm={() => asking && void submit(asking.asDraft, [...asking.confirmed, 'signOut'])}
        onCancel={() => setAsking(null)}
      />
    </form>
  );
}
