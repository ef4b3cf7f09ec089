import { useEffect } from 'react';
import type { SupervisorApi } from '../../app/common/contract.js';

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Browser host: the page tells the core that the person is using it, at most once per
 * `idleAfterMs / 4` (between 1 s and 30 s), and when it is shown again. A hidden page reports
 * nothing, so the supervisor counts as away after the idle time (docs/ui.md, "Presence").
 */
export function usePresenceReports(api: SupervisorApi, enabled: boolean, idleAfterMs: number | undefined): void {
  useEffect(() => {
    if (!enabled) return;
    const minGapMs = Math.min(30_000, Math.max(1_000, (idleAfterMs ?? 120_000) / 4));
    let lastSentAt = 0;
    const report = () => {
      if (document.visibilityState !== 'visible') return;
      const now = Date.now();
      if (now - lastSentAt < minGapMs) return;
      lastSentAt = now;
      api.invoke('reportPresence', { activity: true }).catch(() => undefined);
    };
    const visibility = () => {
      if (document.visibilityState === 'visible') {
        lastSentAt = 0;
        report();
      }
    };
    for (const name of activityEvents) window.addEventListener(name, report, { passive: true });
    document.addEventListener('visibilitychange', visibility);
    report();
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, report);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [api, enabled, idleAfterMs]);
}
