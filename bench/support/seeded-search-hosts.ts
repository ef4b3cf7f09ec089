import { rm } from 'node:fs/promises';
import { startBrowserHostProcess } from '../../e2e/support/browser-host-process.js';
import { seedAuditTrail } from '../../e2e/support/seeded-audit-trail.js';
import { seedClinicWeek } from '../../e2e/support/seeded-clinic-week.js';
import { testBotsDir } from '../../e2e/support/test-bots.js';
import { ConfSettingsStore } from '../../main/browser/conf-settings-store.js';

/** The clinic's time zone, as the e2e specs on the same data use it. */
export const clinicZone = 'Europe/London';

/** A browser host in its own process on a seeded data folder, as the e2e specs start it. */
export interface SeededHost {
  pageUrl: string;
  /** Runs or audit records seeded (the host adds records of its own to a trail as it starts). */
  seeded: number;
  /** When the oldest seeded run started (epoch ms); for a trail, its first record. */
  firstAt: number;
  stop(): Promise<void>;
}

/** A clinic's week of `runs` runs (e2e/support/seeded-clinic-week.ts), as e2e/run-history-followups.spec.ts has it. */
export async function startRunHistoryHost(runs: number): Promise<SeededHost> {
  const week = await seedClinicWeek(runs);
  return start(week.dataDir, runs, week.runs[0]?.startedAt ?? Date.now());
}

/** A trail of `records` records (e2e/support/seeded-audit-trail.ts), as e2e/audit-compliance-review.spec.ts has it. */
export async function startAuditTrailHost(records: number): Promise<SeededHost> {
  const trail = await seedAuditTrail(records);
  return start(trail.dataDir, records, trail.records[0]?.at ?? Date.now());
}

async function start(dataDir: string, seeded: number, firstAt: number): Promise<SeededHost> {
  // Past the first-run wizard, as an admin who skipped it left the app: the page opens on the Overview.
  new ConfSettingsStore(dataDir).set('preferences', { wizardCompleted: true });
  try {
    const host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: dataDir, TZ: clinicZone });
    return {
      pageUrl: host.pageUrl,
      seeded,
      firstAt,
      async stop() {
        await host.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
