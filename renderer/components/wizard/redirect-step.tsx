import { useId } from 'react';
import type { HostView, ProfileView, ProviderPreset } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import type { FieldError } from '../../format/field-error.js';
import type { ProfileField, ProfileFormValues } from '../../format/profile-form.js';
import { isHealthcode, isLiveProvider, offeredRedirectModes, redirectUriPreview, registrationRequest } from '../../format/redirect-choice.js';
import { CopyButton } from '../copy-button.js';
import { FormField } from '../form-field.js';
import { RadioGroup } from '../settings/profile-editor.js';

export interface RedirectStepProps {
  /** The Local sandbox's profile when that preset is chosen (its redirect URI is registered). */
  sandboxProfile: ProfileView | undefined;
  values: ProfileFormValues | null;
  host: HostView;
  description: string;
  errors: Partial<Record<ProfileField, FieldError>>;
  onChange(values: ProfileFormValues): void;
  onDescriptionChange(description: string): void;
}

/**
 * Step 2: the redirect URI to register comes first, because the provider needs it to issue the
 * client id. It is worked out from the choice as the core will (no profile needs saving yet),
 * with the exact request to send the provider and Copy buttons for both.
 */
export function RedirectStep({ sandboxProfile, values, host, description, errors, onChange, onDescriptionChange }: RedirectStepProps) {
  const uriId = useId();
  if (!values) {
    return (
      <div className="wizard__fields">
        {sandboxProfile ? <RedirectUri id={uriId} uri={sandboxProfile.redirectUri} /> : null}
        <p className="card__hint">{copy.wizard.redirect.sandboxRegistered}</p>
      </div>
    );
  }
  const modes = offeredRedirectModes(values.preset, host.flavour);
  const uri = redirectUriPreview(values, host);
  return (
    <div className="wizard__fields">
      <p>{copy.wizard.redirect.intro}</p>
      <RadioGroup
        legend={copy.wizard.redirect.legend}
        name="wizardRedirectMode"
        value={values.redirectMode}
        options={modes.map((mode, index) => ({
          value: mode,
          label: index === 0 ? copy.wizard.redirect.recommended(copy.redirectModes[mode].label) : copy.redirectModes[mode].label,
          hint: copy.redirectModes[mode].hint,
        }))}
        onChange={(mode) => onChange({ ...values, redirectMode: mode })}
        error={errors.redirectMode}
        testId="wizard-redirect-modes"
      />
      {isLiveProvider(values.preset) && !modes.includes('customScheme') ? (
        <p className="card__hint" data-testid="wizard-dev-scheme-withheld">
          {copy.wizard.redirect.devSchemeWithheld}
        </p>
      ) : null}
      {values.redirectMode === 'loopback' ? (
        <FormField label={copy.profileForm.loopbackPort} hint={copy.profileForm.loopbackPortHint} error={errors.loopbackPort} testId="wizard-loopbackPort">
          {(control) => <input {...control} className="input input--narrow" inputMode="numeric" value={values.loopbackPort} onChange={(event) => onChange({ ...values, loopbackPort: event.target.value })} />}
        </FormField>
      ) : null}
      {values.redirectMode === 'bounce' ? (
        <FormField label={copy.profileForm.bounceUrl} hint={copy.profileForm.bounceUrlHint} error={errors.bounceUrl} testId="wizard-bounceUrl">
          {(control) => <input {...control} className="input input--wide" type="url" value={values.bounceUrl} spellCheck={false} onChange={(event) => onChange({ ...values, bounceUrl: event.target.value })} />}
        </FormField>
      ) : null}
      {uri ? <RedirectUri id={uriId} uri={uri} /> : <p className="card__hint">{copy.wizard.redirect.uriIncomplete}</p>}
      <SendToProvider preset={values.preset} uri={uri} description={description} onDescriptionChange={onDescriptionChange} />
    </div>
  );
}

function RedirectUri({ id, uri }: { id: string; uri: string }) {
  return (
    <div className="redirect-uri">
      <p className="field__label">{copy.wizard.redirect.uriLabel}</p>
      <code id={id} className="redirect-uri__value selectable" data-testid="wizard-redirect-uri">
        {uri}
      </code>
      <div className="actions">
        <CopyButton text={uri} label={copy.wizard.redirect.copy} describedBy={id} copiedMessage={copy.wizard.redirect.copied} failure="redirect_uri_not_copied" testId="wizard-copy-redirect-uri" />
      </div>
    </div>
  );
}

interface SendToProviderProps {
  preset: ProviderPreset;
  uri: string | undefined;
  description: string;
  onDescriptionChange(description: string): void;
}

function SendToProvider({ preset, uri, description, onDescriptionChange }: SendToProviderProps) {
  const headingId = useId();
  const messageId = useId();
  const family = isHealthcode(preset) ? 'healthcode' : preset === 'hcssPartner' ? 'hcss' : 'custom';
  const [intro, ...rest] = copy.wizard.redirect.send[family];
  const withMessage = family !== 'hcss';
  const outro = withMessage ? rest.at(-1) : rest.length > 1 ? rest.at(-1) : undefined;
  const items = withMessage ? [] : outro === undefined ? rest : rest.slice(0, -1);
  const message = uri ? registrationRequest({ providerName: copy.presets[preset].label, description, redirectUri: uri }) : undefined;
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
      {withMessage ? (
        <>
          <FormField label={copy.wizard.redirect.description} hint={copy.wizard.redirect.descriptionHint} testId="wizard-description">
            {(control) => <input {...control} className="input input--wide" value={description} onChange={(event) => onDescriptionChange(event.target.value)} />}
          </FormField>
          {message ? (
            <div className="field">
              <label className="field__label" htmlFor={messageId}>
                {copy.wizard.redirect.messageLabel}
              </label>
              <textarea id={messageId} className="input input--wide send-to-provider__message" readOnly rows={11} value={message} data-testid="wizard-registration-request" />
              <div className="actions">
                <CopyButton text={message} label={copy.wizard.redirect.copyMessage} copiedMessage={copy.wizard.redirect.messageCopied} testId="wizard-copy-request" />
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      {outro ? <p>{outro}</p> : null}
    </section>
  );
}
