import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

export function preferenceCommands(services: SupervisorServices): SomeHandlers<'savePreferences' | 'startSelfTest' | 'dismissNotice'> {
  return {
    savePreferences: async (changes) => services.preferences.update(changes),
    startSelfTest: async () => services.selfTest.start(),
    dismissNotice: async ({ noticeId }) => services.notices.dismiss(noticeId),
  };
}
