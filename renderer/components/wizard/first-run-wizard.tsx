import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorView, ProfileView, ProviderPreset, SupervisorState } from '../../../app/common/contract.js';
import { isSessionSignedIn } from '../../format/status-labels.js';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import { formFromPreset, formFromProfile, profileFieldErrors, profileInputFromForm, type ProfileField, type ProfileFormValues } from '../../format/profile-form.js';
import { useCommand } from '../../state/use-command.js';
import { useFocusFirstInvalid } from '../../state/use-focus-first-invalid.js';
import { defaultAppDescription, defaultRedirectMode, redirectUriPreview } from '../../format/redirect-choice.js';
import { errorView } from '../../../app/common/error-view.js';
import { ErrorMessage } from '../error-message.js';
import { wizardPlan } from '../../format/wizard-plan.js';
import { ClientStep } from './client-step.js';
import { ManagedProfileStep } from './managed-profile-step.js';
import { ProviderStep } from './provider-step.js';
import { RedirectStep } from './redirect-step.js';
import { SelfTestStep } from './self-test-step.js';
import { SignInStep } from './sign-in-step.js';

export interface FirstRunWizardProps {
  state: SupervisorState;
  /** Finished or skipped: the caller records it (wizardCompleted) and shows the app. */
  onClose(): void;
  closing: boolean;
  /**
   * Opened by Settings' "Run the setup wizard again", whose button has gone with Settings: the
   * first step's heading takes focus, which would otherwise fall to the page.
   */
  focusOnOpen?: boolean;
}

type Step = 0 | 1 | 2 | 3 | 4;
const lastStep: Step = 4;

/**
 * The first-run wizard: provider, the redirect URI to register (with the request to send), the
 * client id (or a draft while the provider has not issued one), deep-link self-test, sign-in.
 * Shown while preferences.wizardCompleted is false, and from Settings on request; skippable at
 * every step, because an admin may prefer the Settings screen or an imported profile. The Local
 * sandbox is offered only where this build has it.
 */
export function FirstRunWizard({ state, onClose, closing, focusOnOpen = false }: FirstRunWizardProps) {
  const headingId = useId();
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>(0);
  const [preset, setPreset] = useState<ProviderPreset | null>(null);
  const [values, setValues] = useState<ProfileFormValues | null>(null);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ProfileField, FieldError>>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [description, setDescription] = useState(defaultAppDescription);
  const [draftSaved, setDraftSaved] = useState<string | null>(null);
  const save = useCommand('saveProfile', { report: false });
  const firstRender = useRef(true);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [failedSaves, setFailedSaves] = useState(0);
  useFocusFirstInvalid(bodyRef, failedSaves);

  // Where the policy manages profiles, the wizard only picks one of them: it never saves a profile.
  const plan = wizardPlan(state.host, state.profiles);
  const managed = plan.kind === 'managed';
  const sandboxProfile = state.profiles.find((profile) => profile.kind === 'sandbox');
  const profile: ProfileView | undefined = preset === 'sandbox' && !managed ? sandboxProfile : state.profiles.find((candidate) => candidate.id === profileId);
  const session = profile ? state.sessions.find((candidate) => candidate.profileId === profile.id) : undefined;
  const redirectDirty = values !== null && profile !== undefined && profile.kind !== 'sandbox' && !sameRedirect(values, profile);

  // Each step starts with its heading focused, so screen readers hear where they are; the first
  // one only when the wizard was asked for (a fresh start leaves focus where the page has it).
  useEffect(() => {
    const opening = firstRender.current;
    firstRender.current = false;
    if (opening && !focusOnOpen) return;
    // The caller scrolls the wizard's top into view as it opens.
    stepHeadingRef.current?.focus({ preventScroll: opening });
  }, [step]);

  const goTo = (next: Step) => {
    setError(null);
    setErrors({});
    setStep(next);
  };

  const choosePreset = (chosen: ProviderPreset) => {
    setPreset(chosen);
    if (chosen !== 'sandbox' && values?.preset !== chosen) {
      const form = formFromPreset(chosen, state.profiles.map((candidate) => candidate.id));
      setValues({ ...form, redirectMode: defaultRedirectMode(chosen, state.host.flavour) });
      setProfileId(null);
      setDraftSaved(null);
    }
  };

  /** The redirect choice must give a URI to register before the admin moves on. */
  const redirectReady = (): boolean => {
    if (!values || redirectUriPreview(values, state.host)) return true;
    setErrors(values.redirectMode === 'bounce' ? { bounceUrl: errorView('bounce_url_invalid') } : { loopbackPort: errorView('port_invalid') });
    setFailedSaves((count) => count + 1);
    return false;
  };

  /**
   * Saves the profile: the first save creates it (a taken id or the same provider and client id
   * twice is refused, never replaced); `asDraft` allows it without a client id yet.
   */
  const saveProfile = async (asDraft = false): Promise<boolean> => {
    // Next and Save draft stay focusable while a save is on its way (aria-disabled, not disabled,
    // which drops focus to the page): a press meanwhile sends nothing and moves on nowhere.
    if (!values || save.pending) return false;
    const { input, errors: localErrors } = profileInputFromForm(values);
    if (Object.keys(localErrors).length > 0) {
      setErrors(localErrors);
      setFailedSaves((count) => count + 1);
      return false;
    }
    const result = await save.attempt({ ...input, ...(profileId === null ? { create: true } : {}), ...(asDraft ? { asDraft: true } : {}) });
    if (!result.ok) {
      setErrors(profileFieldErrors(result.error.fields).byField);
      setError(result.error);
      setFailedSaves((count) => count + 1);
      return false;
    }
    setErrors({});
    setError(null);
    setProfileId(result.value.id);
    // The secret is stored now (formFromProfile leaves it empty), so it is never sent twice.
    setValues(formFromProfile(result.value));
    setDraftSaved(result.value.draft ? result.value.name : null);
    return true;
  };

  const next = async () => {
    if (save.pending) return;
    if (managed) {
      // Register and Client id belong to the administrator: straight on to the link test.
      if (step === 0 && profileId !== null) goTo(3);
      else if (step > 0 && step < lastStep) goTo((step + 1) as Step);
      return;
    }
    if (step === 0 && preset === null) return;
    if (step === 1 && preset !== 'sandbox' && !redirectReady()) return;
    // Back from a later step with another redirect mode: that is what the admin now registers.
    if (step === 1 && profileId !== null && redirectDirty && !(await saveProfile(profile?.draft === true))) return;
    if (step === 2 && preset !== 'sandbox' && !(await saveProfile())) return;
    if (step < lastStep) goTo((step + 1) as Step);
  };

  const saveDraft = async () => {
    if (await saveProfile(true)) goTo(3);
  };

  const stepTitles = [
    managed ? copy.wizard.managed.heading : copy.wizard.provider.heading,
    copy.wizard.redirect.heading,
    preset === 'sandbox' ? copy.wizard.client.sandboxHeading : copy.wizard.client.heading,
    copy.wizard.selfTest.heading,
    copy.wizard.signIn.heading,
  ];
  // Production builds without the Local sandbox start at the real providers.
  const offerSandbox = sandboxProfile !== undefined;

  return (
    <section className="panel wizard" aria-labelledby={headingId} data-testid="wizard" data-step={step + 1}>
      <div className="panel__header">
        <h2 id={headingId} className="panel__title wizard__title">
          {copy.wizard.heading}
        </h2>
        {/* Once signed in at the last step there is nothing left to skip: Finish says it. */}
        {step === lastStep && session !== undefined && isSessionSignedIn(session.status) ? null : (
          <button type="button" className="button" onClick={() => closing || onClose()} aria-disabled={closing || undefined} data-testid="wizard-skip">
            {copy.wizard.skip}
          </button>
        )}
      </div>
      <p className="card__hint">{copy.wizard.intro}</p>
      <ol className="wizard__steps" aria-label={copy.wizard.stepsLabel}>
        {copy.wizard.steps.map((title, index) => (
          <li key={title} className={index === step ? 'wizard__step wizard__step--current' : index < step ? 'wizard__step wizard__step--done' : 'wizard__step'} aria-current={index === step ? 'step' : undefined}>
            <span className="wizard__step-number" aria-hidden="true">
              {index + 1}
            </span>
            {title}
          </li>
        ))}
      </ol>
      <div ref={bodyRef} className="card wizard__body">
        <p className="wizard__progress">{copy.wizard.stepOf(step + 1, lastStep + 1)}</p>
        <h3 ref={stepHeadingRef} tabIndex={-1} className="wizard__step-title" data-testid="wizard-step-title">
          {stepTitles[step]}
        </h3>
        <div role="alert" className="alert-region">
          {error ? (
            <div className="banner banner--error" data-testid="wizard-error" data-error-summary tabIndex={-1}>
              <ErrorMessage error={error} variant="inline" />
            </div>
          ) : null}
        </div>
        {draftSaved !== null && step > 2 ? (
          <p className="banner banner--info" role="status" data-testid="wizard-draft-saved">
            {copy.wizard.client.draftSaved(draftSaved)}
          </p>
        ) : null}
        {step === 0 && managed ? <ManagedProfileStep plan={plan} profileId={profileId} onChange={setProfileId} /> : null}
        {step === 0 && !managed ? <ProviderStep preset={preset} offerSandbox={offerSandbox} onChange={choosePreset} /> : null}
        {step === 1 ? (
          <RedirectStep
            sandboxProfile={preset === 'sandbox' ? sandboxProfile : undefined}
            values={preset === 'sandbox' ? null : values}
            host={state.host}
            description={description}
            errors={errors}
            onChange={setValues}
            onDescriptionChange={setDescription}
          />
        ) : null}
        {step === 2 ? (
          preset === 'sandbox' || !values ? (
            <p data-testid="wizard-sandbox-client">{copy.wizard.client.sandboxBody}</p>
          ) : (
            <ClientStep values={values} errors={errors} hasClientSecret={profile?.hasClientSecret === true} onChange={setValues} />
          )
        ) : null}
        {step === 3 ? <SelfTestStep profile={profile} selfTest={state.selfTest} host={state.host} /> : null}
        {step === 4 ? <SignInStep session={session} /> : null}
        <div className="actions wizard__nav">
          {step > 0 ? (
            <button type="button" className="button" onClick={() => goTo(managed && step === 3 ? 0 : ((step - 1) as Step))} data-testid="wizard-back">
              {copy.wizard.back}
            </button>
          ) : null}
          {step === 2 && preset !== 'sandbox' && values?.clientId.trim() === '' ? (
            <button type="button" className="button" aria-disabled={save.pending || undefined} onClick={() => void saveDraft()} data-testid="wizard-save-draft">
              {copy.wizard.client.saveDraft}
            </button>
          ) : null}
          {step < lastStep ? (
            <button
              type="button"
              className="button button--primary"
              disabled={step === 0 && (managed ? profileId === null : preset === null)}
              aria-disabled={save.pending || undefined}
              onClick={() => void next()}
              data-testid="wizard-next"
            >
              {step === 2 && preset !== 'sandbox' && !managed ? copy.wizard.client.save : copy.wizard.next}
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => closing || onClose()} aria-disabled={closing || undefined} data-testid="wizard-finish">
              {copy.wizard.finish}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

function sameRedirect(values: ProfileFormValues, profile: ProfileView): boolean {
  if (values.redirectMode !== profile.redirectMode) return false;
  if (values.redirectMode === 'loopback') return values.loopbackPort.trim() === String(profile.loopbackPort ?? 0);
  if (values.redirectMode === 'bounce') return values.bounceUrl.trim() === (profile.bounceUrl ?? '');
  return true;
}
