import type { UserView } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

export function preferenceCommands(
  services: Pick<SupervisorServices, 'preferences' | 'runs' | 'catalogue' | 'audit' | 'selfTest' | 'notices'> & { person?: () => UserView },
): SomeHandlers<'savePreferences' | 'startSelfTest' | 'dismissNotice' | 'dismissAllNotices'> {
  return {
    savePreferences: async (changes) => {
      const before = services.preferences.view();
      const after = services.preferences.update(changes);
      // Applied live: the run manager and the watched bots folder follow the new values at once.
      if (after.maxConcurrentRuns !== before.maxConcurrentRuns) services.runs.setMaxConcurrentRuns(after.maxConcurrentRuns);
      if (after.botsDir !== before.botsDir) await services.catalogue.setDir(after.botsDir);
      // JSON, so a nested preference (hotkeys) compares and reads by value.
      const shown = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => shown(after[key]) !== shown(before[key]));
      if (changed.length > 0) {
        services.audit.record({ type: 'settingsChanged', ...(services.person ? { actor: services.person() } : {}), detail: `Preferences changed: ${changed.map((key) => `${key} ${shown(before[key])} → ${shown(after[key])}`).join('; ')}.` });
      }
      return after;
    },
    startSelfTest: async () => services.selfTest.start(),
    dismissNotice: async ({ noticeId }) => services.notices.dismiss(noticeId),
    dismissAllNotices: async () => services.notices.dismissAll(),
  };
}
