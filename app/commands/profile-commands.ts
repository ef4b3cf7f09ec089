import { ProfileEditor, type ProfileChange } from '../config/profile-editor.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';
import { signOutProfile } from './session-commands.js';

/** Profile editing, import and HCSS companies. */
export function profileCommands(
  services: SupervisorServices,
): SomeHandlers<'saveProfile' | 'deleteProfile' | 'importProfiles' | 'connectCompany' | 'removeCompany'> {
  const { profiles, profilesWithSecret, signIn, companies, audit } = services;
  const editor = new ProfileEditor({
    store: services.profileStore,
    secrets: services.ports.secrets,
    profilesWithSecret,
    isBuiltIn: (id) => profiles.isBuiltIn(id),
    view: (profile) => profiles.view(profile, profilesWithSecret.has(profile.id)),
    onChanged: (change) => afterProfileChange(services, change),
  });
  return {
    saveProfile: async ({ profile, clientSecret }) => editor.save(profile, clientSecret),
    deleteProfile: async ({ profileId }) => editor.delete(profileId),
    importProfiles: async ({ json }) => editor.import(json),
    connectCompany: async ({ profileId }) => {
      const profile = profiles.get(profileId);
      if (!profile) throw supervisorError('unknown_profile', profileId);
      if (profile.kind !== 'partner') throw supervisorError('not_partner_profile', profile.name);
      return signIn.start(profileId, undefined, 'connectCompany');
    },
    removeCompany: async ({ profileId, companyId }) => {
      companies.remove(profileId, companyId);
      audit.record({ type: 'settingsChanged', profileId, company: companyId, detail: `Company ${companyId} disconnected.` });
    },
  };
}

/**
 * What an edit means for the running app: the cached discovery is stale, and a session minted
 * for another issuer or client must end (signing out also halts its runs). Deleting a partner
 * profile forgets its companies.
 */
async function afterProfileChange(services: SupervisorServices, change: ProfileChange): Promise<void> {
  const { profileId, before, after } = change;
  services.signIn.forgetConfiguration(profileId);
  const providerChanged =
    after === undefined ||
    (before !== undefined &&
      (before.issuer !== after.issuer ||
        before.clientId !== after.clientId ||
        before.clientAuth !== after.clientAuth ||
        JSON.stringify(before.endpoints) !== JSON.stringify(after.endpoints)));
  if (providerChanged) {
    services.signIn.cancel(profileId);
    if (services.sessions.session(profileId)) await signOutProfile(services, profileId);
  }
  if (after === undefined) services.companies.removeAll(profileId);
  const name = after?.name ?? before?.name ?? profileId;
  services.audit.record({
    type: 'settingsChanged',
    profileId,
    detail: after === undefined ? `Profile "${name}" deleted.` : before === undefined ? `Profile "${name}" added.` : `Profile "${name}" saved.`,
  });
}
