import { copy } from '../../copy.js';
import type { EditorRedirectChoice } from '../../format/redirect-choice.js';
import { ProfileTextField, type ProfileFormBinding } from './profile-text-field.js';
import { RadioGroup } from './radio-group.js';

export interface RedirectFieldsProps {
  form: ProfileFormBinding;
  /** The modes offered for the provider and build, and the one the form holds. */
  redirect: EditorRedirectChoice;
  isNew: boolean;
}

/** How the provider sends the sign-in back: the mode, and the loopback or bounce page details. */
export function RedirectFields({ form, redirect, isNew }: RedirectFieldsProps) {
  const replacedOnEdit = redirect.replaced && !isNew;
  return (
    <>
      <RadioGroup
        legend={copy.profileForm.redirectMode}
        name="redirectMode"
        value={redirect.value}
        options={redirect.modes.map((mode) => ({ value: mode, label: copy.redirectModes[mode].label, hint: copy.redirectModes[mode].hint }))}
        onChange={(mode) => form.set('redirectMode', mode)}
        error={form.error('redirectMode')}
        testId="profile-redirectMode"
      />
      {redirect.devSchemeWithheld ? (
        <p className={replacedOnEdit ? 'card__hint card__message--danger' : 'card__hint'} data-testid="profile-dev-scheme-withheld">
          {replacedOnEdit ? copy.profileForm.devSchemeReplaced : copy.wizard.redirect.devSchemeWithheld}
        </p>
      ) : null}
      {redirect.value === 'loopback' ? (
        <>
          <ProfileTextField form={form} name="loopbackPort" label={copy.profileForm.loopbackPort} hint={copy.profileForm.loopbackPortHint} inputMode="numeric" />
          <ProfileTextField form={form} name="loopbackPath" label={copy.profileForm.loopbackPath} />
        </>
      ) : null}
      {redirect.value === 'bounce' ? <ProfileTextField form={form} name="bounceUrl" label={copy.profileForm.bounceUrl} hint={copy.profileForm.bounceUrlHint} type="url" /> : null}
    </>
  );
}
