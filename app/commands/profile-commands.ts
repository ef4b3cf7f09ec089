import { supervisorError } from '../error-catalogue.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/** Profile editing, import and HCSS companies (issue: sign-in complete). */
export function profileCommands(
  _services: SupervisorServices,
): SomeHandlers<'saveProfile' | 'deleteProfile' | 'importProfiles' | 'connectCompany' | 'removeCompany'> {
  return {
    saveProfile: async () => {
      throw supervisorError('not_available', 'Editing provider profiles');
    },
    deleteProfile: async () => {
      throw supervisorError('not_available', 'Deleting provider profiles');
    },
    importProfiles: async () => {
      throw supervisorError('not_available', 'Importing provider profiles');
    },
    connectCompany: async () => {
      throw supervisorError('not_available', 'Connecting an HCSS company');
    },
    removeCompany: async () => {
      throw supervisorError('not_available', 'Removing an HCSS company');
    },
  };
}
