import { rm } from 'node:fs/promises';
import { test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './browser-host-process.js';
import { seedClinicWeek, type SeededClinicWeek } from './seeded-clinic-week.js';
import { testBotsDir } from './test-bots.js';

/** The clinic's time zone: the history's days, Today and the seeded week are London's. */
export const clinicZone = 'Europe/London';

/**
 * For one spec file: its pages in London's time zone, and a browser host on a seeded clinic's
 * week of `runs` runs, started before its tests and stopped (with its data) after them.
 */
export function clinicWeekHost(runs: number): { readonly host: BrowserHostProcess; readonly seeded: SeededClinicWeek } {
  test.use({ timezoneId: clinicZone, locale: 'en-GB' });
  let host: BrowserHostProcess | undefined;
  let seeded: SeededClinicWeek | undefined;
  test.beforeAll(async () => {
    seeded = await seedClinicWeek(runs);
    host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: testBotsDir, RPA_SUPERVISOR_DATA_DIR: seeded.dataDir, TZ: clinicZone });
  });
  test.afterAll(async () => {
    await host?.stop();
    if (seeded) await rm(seeded.dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the clinic week host is started in beforeAll');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get seeded() {
      return started(seeded);
    },
  };
}
