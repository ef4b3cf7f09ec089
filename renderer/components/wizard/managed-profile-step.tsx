import type { ProfileView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import type { WizardPlan } from '../../format/wizard-plan.js';
import { RadioGroup } from '../settings/profile-editor.js';

export interface ManagedProfileStepProps {
  plan: Extract<WizardPlan, { kind: 'managed' }>;
  profileId: string | null;
  onChange(profileId: string): void;
}

/**
 * Step 1 where the machine policy manages profiles: who manages them, and which of the profiles
 * already on this computer to test and sign in with. Nothing is created or saved here.
 */
export function ManagedProfileStep({ plan, profileId, onChange }: ManagedProfileStepProps) {
  const { managedBy } = plan;
  return (
    <div className="wizard__fields">
      <p className="banner banner--info" data-testid="wizard-profiles-managed">
        {managedBy.source === 'lockedDown' ? copy.wizard.managed.lockedDown(managedBy.path) : copy.wizard.managed.byAdministrator(managedBy.path)}
      </p>
      {plan.profiles.length === 0 ? (
        <p className="card__hint" data-testid="wizard-no-managed-profiles">
          {copy.wizard.managed.none}
        </p>
      ) : (
        <RadioGroup
          legend={copy.wizard.managed.legend}
          name="managedProfile"
          value={profileId ?? ''}
          options={plan.profiles.map((profile: ProfileView) => ({ value: profile.id, label: profile.name, hint: profile.locked && !profile.builtIn ? copy.wizard.managed.fromPolicy : profile.issuer }))}
          onChange={onChange}
          testId="wizard-managed-profiles"
        />
      )}
    </div>
  );
}
