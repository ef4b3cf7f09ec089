import { copy } from '../../copy.js';
import { AbsencePolicyField } from './absence-policy-field.js';
import { BrowserSignInField } from './browser-sign-in-field.js';
import { ProfileTextField, type ProfileFormBinding } from './profile-text-field.js';
import { RadioGroup } from './radio-group.js';

export interface SignInOptionsFieldsProps {
  form: ProfileFormBinding;
  /** The machine policy's `supervision.onAbsence`: shown chosen and disabled. */
  forcedAbsencePolicy: 'wait' | 'stop' | undefined;
  /** The machine policy's `supervision.askWhoSignsIn`: the browser's sign-in is never reused. */
  forcedToAsk: boolean;
}

/** How a sign-in starts, warns and ends, and what running bots do when it ends or nobody is there. */
export function SignInOptionsFields({ form, forcedAbsencePolicy, forcedToAsk }: SignInOptionsFieldsProps) {
  const { values, error, set } = form;
  return (
    <>
      <ProfileTextField form={form} name="warningMinutes" label={copy.profileForm.warningMinutes} hint={copy.profileForm.warningMinutesHint} />
      <ProfileTextField form={form} name="signInTimeoutMinutes" label={copy.profileForm.signInTimeoutMinutes} inputMode="numeric" />
      <BrowserSignInField value={values.reuseBrowserSignIn} forcedToAsk={forcedToAsk} onChange={(reuse) => set('reuseBrowserSignIn', reuse)} error={error('reuseBrowserSignIn')} />
      <RadioGroup
        legend={copy.profileForm.expiryPolicy}
        name="expiryPolicy"
        value={values.expiryPolicy}
        options={(['wait', 'stop'] as const).map((policy) => ({ value: policy, label: copy.profileForm.expiryPolicies[policy] }))}
        onChange={(policy) => set('expiryPolicy', policy)}
        error={error('expiryPolicy')}
        testId="profile-expiryPolicy"
      />
      <AbsencePolicyField value={values.absencePolicy} forced={forcedAbsencePolicy} onChange={(policy) => set('absencePolicy', policy)} error={error('absencePolicy')} />
    </>
  );
}
