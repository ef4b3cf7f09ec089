import { useId } from 'react';
import type { ProfileView, ProviderPreset, RedirectMode } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import type { ProfileField, ProfileFormValues } from '../../format/profile-form.js';
import { CopyButton } from '../copy-button.js';
import { FormField } from '../form-field.js';
import { RadioGroup } from '../settings/profile-editor.js';

export interface RedirectStepProps {
  /** The saved profile, whose redirectUri is the one to register; undefined until saved. */
  profile: ProfileView | undefined;
  values: ProfileFormValues | null;
  errors: Partial<Record<ProfileField, FieldError>>;
  /** True when the form's redirect mode differs from the saved profile's. */
  dirty: boolean;
  saving: boolean;
  onChange(values: ProfileFormValues): void;
  onApply(): void;
}

const modes: readonly RedirectMode[] = ['customScheme', 'loopback', 'bounce'];

/** Step 3: the redirect mode, and the exact redirect URI to register, with what to send. */
export function RedirectStep({ profile, values, errors, dirty, saving, onChange, onApply }: RedirectStepProps) {
  const uriId = useId();
  const sandbox = profile?.kind === 'sandbox';
  return (
    <div className="wizard__fields">
      {values && !sandbox ? (
        <>
          <RadioGroup
            legend={copy.wizard.redirect.legend}
            name="wizardRedirectMode"
            value={values.redirectMode}
            options={modes.map((mode) => ({ value: mode, label: copy.redirectModes[mode].label, hint: copy.redirectModes[mode].hint }))}
            onChange={(mode) => onChange({ ...values, redirectMode: mode })}
            error={errors.redirectMode}
            testId="wizard-redirect-modes"
          />
          {values.redirectMode === 'loopback' ? (
            <FormField label={copy.profileForm.loopbackPort} hint={copy.profileForm.loopbackPortHint} error={errors.loopbackPort} testId="wizard-loopbackPort">
              {(control) => <input {...control} className="input input--narrow" inputMode="numeric" value={values.loopbackPort} onChange={(event) => onChange({ ...values, loopbackPort: event.target.value })} />}
            </FormField>
          ) : null}
          {values.redirectMode === 'bounce' ? (
            <FormField label={copy.profileForm.bounceUrl} hint={copy.profileForm.bounceUrlHint} error={errors.bounceUrl} testId="wizard-bounceUrl">
              {(control) => <input {...control} className="input input--wide" type="url" value={values.bounceUrl} onChange={(event) => onChange({ ...values, bounceUrl: event.target.value })} />}
            </FormField>
          ) : null}
          {dirty ? (
            <div className="actions">
              <button type="button" className="button button--primary" disabled={saving} onClick={onApply} data-testid="wizard-apply-redirect">
                {copy.wizard.redirect.apply}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      {profile ? (
        <div className="redirect-uri">
          <p className="field__label">{copy.wizard.redirect.uriLabel}</p>
          <code id={uriId} className="redirect-uri__value selectable" data-testid="wizard-redirect-uri">
            {profile.redirectUri}
          </code>
          <div className="actions">
            <CopyButton text={profile.redirectUri} label={copy.wizard.redirect.copy} describedBy={uriId} copiedMessage={copy.wizard.redirect.copied} failure="redirect_uri_not_copied" testId="wizard-copy-redirect-uri" />
          </div>
          {sandbox ? <p className="card__hint">{copy.wizard.redirect.sandboxRegistered}</p> : null}
        </div>
      ) : (
        <p className="card__hint">{copy.wizard.redirect.notSaved}</p>
      )}
      <ProviderInstructions preset={profile?.preset ?? values?.preset ?? 'custom'} />
    </div>
  );
}

function ProviderInstructions({ preset }: { preset: ProviderPreset }) {
  const headingId = useId();
  const family = preset === 'healthcodeProduction' || preset === 'healthcodeUat' ? 'healthcode' : preset === 'hcssPartner' ? 'hcss' : preset === 'sandbox' ? 'sandbox' : 'custom';
  const [intro, ...rest] = copy.wizard.redirect.send[family];
  const outro = rest.length > 1 ? rest.at(-1) : undefined;
  const items = outro === undefined ? rest : rest.slice(0, -1);
  return (
    <section className="send-to-provider" aria-labelledby={headingId} data-testid="wizard-send-to-provider">
      <h4 id={headingId} className="send-to-provider__title">
        {copy.wizard.redirect.sendHeading}
      </h4>
      <p>{intro}</p>
      {items.length > 0 ? (
        <ul className="bullets">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      {outro ? <p>{outro}</p> : null}
    </section>
  );
}
