import type { HostView, ProfileView } from '../../app/common/contract.js';

/**
 * What the first-run wizard does on this computer. Where the machine policy does not let people
 * keep profiles of their own (`allowUserProfiles: false`, or a policy file that could not be
 * trusted), the wizard never offers to create or save one: it lists the profiles already here
 * (the administrator's first), says who manages them, and goes on to the link test and sign-in.
 */
export type WizardPlan =
  | { kind: 'create' }
  | {
      kind: 'managed';
      /** Profiles that can sign in: the administrator's (locked) first, then the built-in ones. */
      profiles: ProfileView[];
      managedBy: { source: HostView['policy']['source']; path: string };
    };

export function wizardPlan(host: Pick<HostView, 'policy'>, profiles: readonly ProfileView[]): WizardPlan {
  if (host.policy.allowUserProfiles) return { kind: 'create' };
  const usable = profiles.filter((profile) => !profile.draft);
  const rank = (profile: ProfileView) => (profile.locked && !profile.builtIn ? 0 : profile.builtIn ? 2 : 1);
  return {
    kind: 'managed',
    profiles: [...usable].sort((a, b) => rank(a) - rank(b)),
    managedBy: { source: host.policy.source, path: host.policy.path },
  };
}
