import type { ProviderConfigurations } from '../auth/provider-configurations.js';
import type { AuditLog } from '../audit/open-audit-trail.js';
import { ProfileEditor, type ProfileChange } from '../config/profile-editor.js';
import { supervisorError } from '../error-catalogue.js';
import type { ProfileRegistry } from '../config/profile-registry.js';
import type { ProfileStore } from '../config/profile-store.js';
import type { CompanyConnections } from '../session/company-connections.js';
import type { UserView } from '../common/contract.js';
import { changesProviderIdentity } from '../common/provider-identity.js';
import type { SomeHandlers } from './command-handlers.js';
import { signOutProfile, type SignOutDeps } from './session-commands.js';

export type ProfileCommandDeps = SignOutDeps & {
  profiles: ProfileRegistry;
  profileStore: ProfileStore;
  providers: ProviderConfigurations;
  companies: CompanyConnections;
  audit: AuditLog;
  /** From the machine policy: false refuses every change to profiles here. */
  allowUserProfiles: boolean;
  /** The person at the app, named in every settings record. */
  person?: () => UserView;
};

/** Profile editing, import, and forgetting HCSS companies. */
export function profileCommands(deps: ProfileCommandDeps): SomeHandlers<'saveProfile' | 'deleteProfile' | 'importProfiles' | 'removeCompany'> {
  const editor = new ProfileEditor({ store: deps.profileStore, registry: deps.profiles, onChanged: (change) => afterProfileChange(deps, change) });
  // The machine policy comes first: the editor's own rules apply to what the policy allows.
  const allowed = (profileId?: unknown): void => {
    if (!deps.allowUserProfiles) throw supervisorError('user_profiles_not_allowed');
    if (typeof profileId === 'string' && deps.profiles.isManaged(profileId)) {
      throw supervisorError('profile_locked', deps.profiles.get(profileId)?.name ?? profileId);
    }
  };
  return {
    saveProfile: async ({ profile, clientSecret, create, asDraft }) => {
      allowed(profile.id);
      return editor.save(profile, clientSecret, { create: create === true, asDraft: asDraft === true });
    },
    deleteProfile: async ({ profileId }) => {
      allowed(profileId);
      return editor.delete(profileId);
    },
    importProfiles: async ({ json }) => {
      allowed();
      return editor.import(json);
    },
    removeCompany: async ({ profileId, companyId }) => {
      const owner = deps.companies.list().find((c) => c.profileId === profileId && c.companyId === companyId)?.connectedBy;
      deps.companies.remove(profileId, companyId);
      deps.audit.record({
        type: 'companyRemoved',
        ...actorOf(deps),
        profileId,
        company: companyId,
        detail: `Company ${companyId} disconnected${owner ? `; it was connected by ${owner.name ?? owner.subject} (${owner.subject})` : ''}.`,
      });
    },
  };
}

/**
 * What an edit means for the running app: the cached discovery is stale, and a session minted
 * for another issuer or client must end (signing out also halts its runs). Deleting a partner
 * profile forgets its companies.
 */
async function afterProfileChange(deps: ProfileCommandDeps, change: ProfileChange): Promise<void> {
  const { profileId, before, after } = change;
  deps.providers.forget(profileId);
  const providerChanged = after === undefined || (before !== undefined && changesProviderIdentity(before, after));
  if (providerChanged) {
    deps.signIn.cancel(profileId);
    if (deps.sessions.session(profileId)) await signOutProfile(deps, profileId);
  }
  if (after === undefined) deps.companies.removeAll(profileId);
  const name = after?.name ?? before?.name ?? profileId;
  deps.audit.record({
    type: 'settingsChanged',
    ...actorOf(deps),
    profileId,
    detail: after === undefined ? `Profile "${name}" deleted.` : before === undefined ? `Profile "${name}" added.` : `Profile "${name}" saved.`,
  });
}

function actorOf(deps: { person?: () => UserView }): { actor?: UserView } {
  return deps.person ? { actor: deps.person() } : {};
}
